import 'server-only';
import { getCouncilService } from './council-service';

/**
 * Builds the council service once at server start. A bad QUORUM_CONFIG, an unknown model reference or a
 * missing key stops the server with a message that names the field or variable (never a key's value).
 */
export function checkConfigAtStart(): void {
  try {
    // Unavailable tiers and a replaced default tier are not fatal, but the operator should hear about them.
    for (const warning of getCouncilService().warnings) console.warn(`Quorum: ${warning}`);
  } catch (error) {
    console.error(`Quorum cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
