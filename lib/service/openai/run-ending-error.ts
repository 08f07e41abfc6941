import type { RunEnding } from '../run-summary';
import { openAIError, type OpenAIErrorBody } from './openai-error';

/** The status and error body for a run that produced no answer: failed upstream (502), or stopped (503). */
export function runEndingStatus(ending: RunEnding | null): number {
  return ending?.kind === 'cancelled' ? 503 : 502;
}

export function runEndingError(ending: RunEnding | null): OpenAIErrorBody {
  if (!ending) return openAIError('The council run ended without an answer.', 'server_error', null, 'internal');
  if (ending.kind === 'cancelled') return openAIError(ending.message, 'server_error', null, ending.reason);
  if (ending.kind === 'failed') return openAIError(`The council could not answer: ${ending.message}`, 'server_error', null, 'council_failed');
  return openAIError('The council run ended without an answer.', 'server_error', null, 'internal');
}
