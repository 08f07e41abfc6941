import { ConfigError } from '@/lib/config/config-error';
import { jsonResponse } from '@/lib/http/json-response';

/**
 * Runs a handler with the service, or answers 500 with the configuration problem. ConfigError messages
 * name fields and variables, never values, so they are safe to send; anything else stays in the log.
 */
export async function withService<S>(get: () => S, handle: (service: S) => Response | Promise<Response>) {
  let service: S;
  try {
    service = get();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      const message = `The server configuration is invalid: ${error.problems.join('; ')}`;
      return jsonResponse({ ok: false, error: message, problems: error.problems }, 500);
    }
    throw error;
  }
  return handle(service);
}
