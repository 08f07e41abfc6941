import type { Exchange } from './exchange';
import type { ProtocolWriter, StopKind, Usage } from './protocol';
import { countTokens, tokenize } from './tokens';
import type { Behaviour, Fault, ParsedRequest } from './types';

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

/** The fault in force for this attempt, if any (a fault may be limited to the first K attempts). */
export function faultFor(behaviour: Behaviour, attempt: number): Fault | undefined {
  if (!behaviour.fault) return undefined;
  return attempt <= (behaviour.faultAttempts ?? Infinity) ? behaviour.fault : undefined;
}

/** Plays one scripted answer (or fault) onto the exchange, pacing tokens as scripted. */
export async function playScript(
  ex: Exchange,
  protocol: ProtocolWriter,
  request: ParsedRequest,
  behaviour: Behaviour,
  fault: Fault | undefined,
): Promise<void> {
  const headers = behaviour.headers ?? {};
  if (fault?.kind === 'hang') return;
  if (fault?.kind === 'status') {
    const message = typeof fault.message === 'function' ? fault.message(request) : (fault.message ?? `scripted ${fault.status}`);
    ex.writeHead(fault.status, {
      ...headers,
      'content-type': 'application/json',
      ...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }),
      ...(fault.retryAfterMs === undefined ? {} : { 'retry-after-ms': fault.retryAfterMs }),
    });
    ex.end(JSON.stringify(protocol.errorBody(fault.status, message)));
    return;
  }

  const content = typeof behaviour.content === 'function' ? behaviour.content(request) : behaviour.content;
  let tokens = fault?.kind === 'empty' ? [] : tokenize(content ?? `This is the answer from ${request.model}.`);
  let stop: StopKind = 'stop';
  if (request.maxTokens !== undefined && tokens.length > request.maxTokens && !behaviour.ignoreMaxTokens) {
    tokens = tokens.slice(0, request.maxTokens);
    stop = 'length';
  }
  const usage: Usage = { input: countTokens(request.messages), output: tokens.length };
  const tokensPerSecond =
    typeof behaviour.tokensPerSecond === 'function' ? behaviour.tokensPerSecond(request) : behaviour.tokensPerSecond;
  const intervalMs = tokensPerSecond ? 1000 / tokensPerSecond : 0;
  const firstTokenMs =
    typeof behaviour.firstTokenMs === 'function' ? behaviour.firstTokenMs(request) : (behaviour.firstTokenMs ?? 0);

  if (!request.stream) {
    if (!(await ex.sleep(firstTokenMs + intervalMs * Math.max(0, tokens.length - 1)))) return;
    ex.writeHead(200, { ...headers, 'content-type': 'application/json' });
    ex.end(JSON.stringify(protocol.json(request.model, tokens.join(''), stop, usage, behaviour.cost)));
    return;
  }

  ex.writeHead(200, { ...headers, ...SSE_HEADERS });
  ex.write(protocol.start(request.model, usage));
  const cutAt = fault && 'afterTokens' in fault ? fault.afterTokens : Infinity;
  const t0 = performance.now() + firstTokenMs;
  let i = 0;
  while (i < tokens.length && i < cutAt) {
    const wait = t0 + i * intervalMs - performance.now();
    if (wait > 1 && !(await ex.sleep(wait))) return;
    // Every token already due goes out in one write, as a real server's buffered stream would.
    let batch = '';
    const now = performance.now();
    while (i < tokens.length && i < cutAt && t0 + i * intervalMs <= now + 1) batch += protocol.delta(tokens[i++]);
    ex.write(batch);
  }
  if (!ex.open) return;
  if (i < tokens.length || (fault && 'afterTokens' in fault)) {
    if (fault?.kind === 'stall') return;
    if (fault?.kind === 'disconnect') return ex.destroyAfterFlush();
    if (fault?.kind === 'malformed') return ex.end(protocol.malformed());
  }
  ex.end(protocol.finish(request.model, stop, usage, behaviour.cost));
}
