import { assignLabels } from './assign-labels';
import type { ChatMessage } from './chat-model';
import type { CouncilInput } from './council-input';
import { rankingMessages } from './prompts';
import type { Random } from './random';
import type { Answer } from './stage-answers';

/** What one judge is shown: its own labels for the answers it ranks, and the prompt built from them. */
export interface JudgePlan {
  judge: string;
  /** label → model, as this judge sees them. */
  labels: Record<string, string>;
  messages: ChatMessage[];
}

/**
 * One plan per surviving member. Labels are shuffled per judge from the run's seeded random, in
 * judge order, so the same seed gives the same labels; with excludeSelf a judge never sees its own answer.
 */
export function planJudges(input: CouncilInput, answers: Answer[], random: Random): JudgePlan[] {
  const textOf = new Map(answers.map((answer) => [answer.model, answer.text]));
  return answers.map(({ model: judge }) => {
    const candidates = answers
      .map((answer) => answer.model)
      .filter((model) => !(input.policy.excludeSelf && model === judge));
    const labels = assignLabels(candidates, random);
    const responses = Object.keys(labels)
      .sort((a, b) => a.length - b.length || a.localeCompare(b))
      .map((label) => ({ label, text: textOf.get(labels[label]) ?? '' }));
    return { judge, labels, messages: rankingMessages(input.question, responses, input.history ?? []) };
  });
}
