/**
 * The most a run can cost (DESIGN.md §5): every call that may be made, at its maxTokens, with its prompt
 * estimated from the text it embeds, at the configured prices. The budget reserves this figure before a run
 * starts, and the custom-council view shows the same figure before a question is sent. Pure: runs on the
 * server and in the browser alike.
 */
import type { StageName } from '@/lib/council/policy';
import type { Pricing } from './pricing';

/** How far a run goes: stage 1 only, stages 1–2, or all three (DESIGN.md §8). */
export type CouncilMode = 'answers' | 'ranked' | 'full';

export interface WorstCaseInput {
  members: string[];
  chairman: string;
  fallbackChairmen: string[];
  mode: CouncilMode;
  maxTokens: Record<StageName, number>;
  /** Characters of the question, the history and any extra instructions the members see. */
  promptChars: number;
  /** Attempts per call (the retry policy's maxAttempts): a failed attempt is paid for too. */
  maxAttempts: number;
  /** A model's price; undefined when the config gives none (its calls then count as free). */
  pricing(modelId: string): Pricing | undefined;
}

/** About four characters to a token, as the limiter estimates; instruction text is added per call. */
const CHARS_PER_TOKEN = 4;
/** Our own system prompts, labels and tags around the embedded text, per call (tokens, rounded up). */
const PROMPT_OVERHEAD_TOKENS = 400;
/** The critiques a chairman sees are trimmed to this many characters (prompts.ts DEFAULT_CRITIQUE_BUDGET_CHARS). */
const CRITIQUE_BUDGET_TOKENS = Math.ceil(6_000 / CHARS_PER_TOKEN);

export function worstCaseCostUsd(input: WorstCaseInput): number {
  const promptTokens = Math.ceil(input.promptChars / CHARS_PER_TOKEN) + PROMPT_OVERHEAD_TOKENS;
  const answersTokens = input.members.length * input.maxTokens.answer;
  const attempts = Math.max(1, input.maxAttempts);
  const call = (model: string, inputTokens: number, outputTokens: number): number => {
    const price = input.pricing(model);
    if (!price) return 0;
    return (attempts * (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok)) / 1_000_000;
  };

  let total = 0;
  for (const member of input.members) total += call(member, promptTokens, input.maxTokens.answer);
  if (input.mode === 'answers') return total;
  for (const judge of input.members) total += call(judge, promptTokens + answersTokens, input.maxTokens.ranking);
  if (input.mode === 'ranked') return total;
  // Every chairman in the chain may be tried, then the top-ranked member (any of them): count the dearest.
  const synthesisIn = promptTokens + answersTokens + CRITIQUE_BUDGET_TOKENS;
  const chain = [input.chairman, ...input.fallbackChairmen];
  for (const chairman of chain) total += call(chairman, synthesisIn, input.maxTokens.synthesis);
  const lastResort = Math.max(0, ...input.members.filter((m) => !chain.includes(m)).map((m) => call(m, synthesisIn, input.maxTokens.synthesis)));
  return total + lastResort;
}
