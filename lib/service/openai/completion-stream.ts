/**
 * A council run as an OpenAI Chat Completions stream (DESIGN.md §6): the role chunk at once, SSE comment
 * heartbeats while stages 1 and 2 run (clients and proxies ignore them but keep the connection), the
 * chairman's tokens as `delta.content`, a finish chunk, the usage chunk when asked for, then `[DONE]`.
 * The `quorum` object rides on the last chunk before `[DONE]`. A run that produced nothing ends with an error
 * object, which OpenAI's SDKs raise as an APIError.
 */
import type { CouncilEvent } from '@/lib/council/events';
import { encodeSseComment, encodeSseData, SSE_DONE } from '@/lib/sse/encode-sse-data';
import { SSE_HEADERS } from '@/lib/sse/sse-response';
import { FinalAnswerText } from '../final-answer-text';
import { RunSummaryFold } from '../run-summary';
import { completionIdentity, contentChunk, finishChunk, roleChunk, usageChunk } from './completion-chunks';
import { runEndingError } from './run-ending-error';

export const API_HEARTBEAT_MS = 10_000;

export interface CompletionStreamOptions {
  runId: string;
  tier: string;
  /** The `model` the client asked for, echoed on every chunk. */
  model: string;
  includeUsage: boolean;
  heartbeatMs?: number;
  headers?: Record<string, string>;
}

export function completionStreamResponse(events: AsyncIterable<CouncilEvent>, options: CompletionStreamOptions): Response {
  const iterator = events[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const who = completionIdentity(options.runId, options.model);
  const fold = new RunSummaryFold(options.runId, options.tier);
  const answer = new FinalAnswerText();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let finished = false;
  const data = (value: unknown) => encoder.encode(encodeSseData(value));
  const keepAlive = encoder.encode(encodeSseComment('keep-alive'));
  const done = encoder.encode(SSE_DONE);

  const stop = (stopRun: boolean) => {
    if (finished) return;
    finished = true;
    clearInterval(heartbeat);
    // Not awaited: the run's own signal already aborts every upstream call.
    if (stopRun) iterator.return?.().catch(() => undefined);
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(data(roleChunk(who)));
        heartbeat = setInterval(() => {
          if (!finished) controller.enqueue(keepAlive);
        }, options.heartbeatMs ?? API_HEARTBEAT_MS);
      },
      async pull(controller) {
        try {
          // Read until there is something to send: most events of stages 1 and 2 send nothing.
          while (!finished) {
            const next = await iterator.next();
            if (finished) return;
            if (next.done) {
              stop(false);
              controller.enqueue(data(runEndingError(fold.ending)));
              controller.close();
              return;
            }
            fold.observe(next.value);
            const text = answer.observe(next.value);
            if (text) controller.enqueue(data(contentChunk(who, text)));
            if (fold.ending) {
              stop(false);
              for (const piece of ending(fold)) controller.enqueue(piece);
              controller.close();
              return;
            }
            if (text) return;
          }
        } catch (error) {
          if (finished) return;
          stop(false);
          console.error('The council event stream failed:', error instanceof Error ? error.message : error);
          controller.enqueue(data(runEndingError(null)));
          controller.close();
        }
      },
      cancel() {
        stop(true);
      },
    },
    { highWaterMark: 1 },
  );

  function ending(summary: RunSummaryFold): Uint8Array[] {
    if (summary.ending?.kind !== 'completed') return [data(runEndingError(summary.ending))];
    const quorum = summary.result();
    if (!options.includeUsage) return [data(finishChunk(who, quorum)), done];
    return [data(finishChunk(who)), data(usageChunk(who, summary.usage(), quorum)), done];
  }

  return new Response(body, { status: 200, headers: { ...SSE_HEADERS, ...options.headers } });
}
