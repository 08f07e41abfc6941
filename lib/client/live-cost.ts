/**
 * Tokens and cost, live (DESIGN.md §8): what every ended attempt used, exactly as the server reported it, plus an
 * estimate of each attempt still streaming — its prompt (estimated by the engine) and ~4 characters a token of
 * the text so far, at the model's price — by the same rule the engine uses to count a cut attempt. Once every
 * call has ended there is nothing left to estimate and the figure is the server's exact one.
 */
import type { TokenUsage } from '@/lib/council/chat-model';
import { estimateFailedAttempt } from '@/lib/council/estimate-usage';
import type { MemberStageState, RunState } from './run-state';
import { STAGES } from './run-state-helpers';

export interface Spend {
  tokens: TokenUsage;
  costUsd: number;
  /** True while part of the figure is estimated from streaming text. */
  estimated: boolean;
}

const IN_FLIGHT = new Set<MemberStageState['status']>(['streaming', 'retrying']);

/** One member's spend in one stage. */
export function memberSpend(member: MemberStageState, state: Pick<RunState, 'pricing'>): Spend {
  const spent = { tokens: { ...member.spent.tokens }, costUsd: member.spent.costUsd, estimated: false };
  if (!IN_FLIGHT.has(member.status) || member.text === '') return spent;
  const live = estimateFailedAttempt(member.promptTokens ?? 0, member.text, state.pricing[member.model]);
  return {
    tokens: { input: spent.tokens.input + live.usage.input, output: spent.tokens.output + live.usage.output },
    costUsd: spent.costUsd + (live.costUsd ?? 0),
    estimated: true,
  };
}

/** The whole run's spend: every member of every stage. */
export function runSpend(state: RunState): Spend {
  const total: Spend = { tokens: { input: 0, output: 0 }, costUsd: 0, estimated: false };
  for (const stage of STAGES) {
    for (const member of Object.values(state.stages[stage].members)) {
      const spend = memberSpend(member, state);
      total.tokens.input += spend.tokens.input;
      total.tokens.output += spend.tokens.output;
      total.costUsd += spend.costUsd;
      total.estimated ||= spend.estimated;
    }
  }
  return total;
}
