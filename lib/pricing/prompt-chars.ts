import type { HistoryTurn } from '@/lib/council/council-input';

/**
 * The characters of the question and the history a run's members see: the `promptChars` of worstCaseCostUsd,
 * computed the same way by the budget on the server and by the cost shown before sending.
 */
export function promptCharsOf(question: string, history: HistoryTurn[] = []): number {
  return history.reduce((sum, turn) => sum + turn.question.length + turn.answer.length, question.length);
}
