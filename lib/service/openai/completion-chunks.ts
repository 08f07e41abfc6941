/** The objects of OpenAI's Chat Completions wire format that Quorum sends (DESIGN.md §6). */
import type { RunSummary, UsageTotals } from '../run-summary';

export interface CompletionIdentity {
  id: string;
  created: number;
  model: string;
}

export function completionIdentity(runId: string, model: string, now = Date.now()): CompletionIdentity {
  return { id: `chatcmpl-${runId}`, created: Math.floor(now / 1000), model };
}

export function roleChunk(who: CompletionIdentity) {
  return chunk(who, [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
}

export function contentChunk(who: CompletionIdentity, content: string) {
  return chunk(who, [{ index: 0, delta: { content }, finish_reason: null }]);
}

export function finishChunk(who: CompletionIdentity, quorum?: RunSummary) {
  return { ...chunk(who, [{ index: 0, delta: {}, finish_reason: 'stop' }]), ...(quorum ? { quorum } : {}) };
}

export function usageChunk(who: CompletionIdentity, usage: UsageTotals, quorum: RunSummary) {
  return { ...chunk(who, []), usage, quorum };
}

function chunk(who: CompletionIdentity, choices: unknown[]) {
  return { id: who.id, object: 'chat.completion.chunk', created: who.created, model: who.model, choices };
}

export function completion(who: CompletionIdentity, text: string, usage: UsageTotals, quorum: RunSummary) {
  return {
    id: who.id,
    object: 'chat.completion',
    created: who.created,
    model: who.model,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage,
    quorum,
  };
}
