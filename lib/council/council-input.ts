import type { Pricing } from '@/lib/pricing/pricing';
import type { ChatMessage, ChatModel } from './chat-model';
import type { Clock } from './clock';
import type { CouncilPolicy } from './policy';
import type { Random } from './random';

/** One earlier exchange of the conversation, given to the council as context. */
export interface HistoryTurn {
  question: string;
  answer: string;
}

export interface CouncilInput {
  runId: string;
  question: string;
  history?: HistoryTurn[];
  tier: string;
  members: string[];
  chairman: string;
  fallbackChairmen: string[];
  policy: CouncilPolicy;
  /** Aborting it cancels the run: every in-flight model call is aborted. */
  signal?: AbortSignal;
}

export interface CouncilDeps {
  /** Resolves a configured model id to the model; throws for an unknown id. */
  model(id: string): ChatModel;
  clock: Clock;
  random: Random;
  /** A model's configured price, to cost the attempts that failed or were cut (their usage is estimated). */
  pricing?(id: string): Pricing | undefined;
  /**
   * Told the cost of every call as it is counted (completed, failed or retried), also after the consumer stopped
   * reading: what a run cost must be known even when its stream was abandoned (the budget settles on it).
   */
  onSpend?(costUsd: number): void;
}

export type { ChatMessage };
