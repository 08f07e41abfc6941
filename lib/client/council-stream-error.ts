/**
 * Why the council stream could not be read to its end, worded for the person reading the chat.
 * `http`: the server refused the run (its message is kept); `broken`: the connection ended before the
 * terminal event; `protocol`: the server sent something that is not a council event.
 */
export class CouncilStreamError extends Error {
  readonly kind: 'http' | 'broken' | 'protocol';
  readonly status?: number;
  /** From a 429's or 503's Retry-After: how long to wait before asking again. */
  readonly retryAfterSeconds?: number;
  /** The server's machine-readable reason (`rate_limited`, `too_many_runs`, `budget_exhausted`, …). */
  readonly code?: string;

  constructor(
    kind: 'http' | 'broken' | 'protocol',
    message: string,
    extra: { status?: number; retryAfterSeconds?: number; code?: string; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'CouncilStreamError';
    this.kind = kind;
    this.status = extra.status;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.code = extra.code;
  }
}

/** Turns a non-2xx response into an error carrying the server's own message (`{ error, issues? }`). */
export async function errorFromResponse(response: Response): Promise<CouncilStreamError> {
  let detail = '';
  let code: string | undefined;
  try {
    const body: unknown = await response.json();
    detail = describeErrorBody(body);
    code = codeOf(body);
  } catch {
    // Not JSON (a proxy's HTML page, say): fall back to the status line.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  const message = detail || `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  return new CouncilStreamError('http', message, {
    status: response.status,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    ...(code ? { code } : {}),
  });
}

function codeOf(body: unknown): string | undefined {
  const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function describeErrorBody(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { error, issues } = body as { error?: unknown; issues?: unknown };
  if (typeof error !== 'string') return '';
  if (!Array.isArray(issues) || issues.length === 0) return error;
  const details = issues
    .filter((i): i is { path: string; message: string } => typeof i?.path === 'string' && typeof i?.message === 'string')
    .map((i) => `${i.path} ${i.message}`);
  return details.length > 0 ? `${error} (${details.join('; ')})` : error;
}
