import type { CouncilEvent } from '@/lib/council/events';
import { RunSummaryFold } from '../run-summary';
import { completion, completionIdentity } from './completion-chunks';
import { openAIErrorResponse } from './openai-error';
import { runEndingError, runEndingStatus } from './run-ending-error';

/** A non-streaming completion: the run to its end, then the chairman's final text with usage and `quorum`. */
export async function completionResultResponse(
  events: AsyncIterable<CouncilEvent>,
  options: { runId: string; tier: string; model: string; headers?: Record<string, string> },
): Promise<Response> {
  const fold = new RunSummaryFold(options.runId, options.tier);
  for await (const event of events) fold.observe(event);
  const ending = fold.ending;
  if (ending?.kind !== 'completed') {
    const response = openAIErrorResponse(runEndingStatus(ending), runEndingError(ending));
    for (const [name, value] of Object.entries(options.headers ?? {})) response.headers.set(name, value);
    return response;
  }
  const body = completion(completionIdentity(options.runId, options.model), ending.text, fold.usage(), fold.result());
  return Response.json(body, { headers: { 'cache-control': 'no-store', ...options.headers } });
}
