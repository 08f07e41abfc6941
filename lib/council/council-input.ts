import type { Pricing } from '@/lib/pricing/pricing';
import type { ChatMessage, ChatModel } from './chat-model';
import type { Clock } from './clock';
import type { CouncilPolicy } from './policy';
import type { Random } from './random';
import type { CouncilMode } from '@/lib/pricing/worst-case-cost';

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
  /** The caller's own instructions (an API client's system messages), given to the members and the chairman. */
  instructions?: string;
  /** Which front door started the run (`web`, `api`, `mcp`); recorded on run.started. */
  source?: string;
  /** How far the run goes (DESIGN.md §8); `full` when left out. */
  mode?: CouncilMode;
  /**
   * Configured prices by model id: put on run.started for the live cost meter, and used to price what a failed
   * or cut attempt used (a completed call's cost comes from its adapter).
   */
  pricing?: Record<string, Pricing>;
  /** Aborting it cancels the run: every in-flight model call is aborted. */
  signal?: AbortSignal;
}

export interface CouncilDeps {
  /** Resolves a configured model id to the model; throws for an unknown id. */
  model(id: string): ChatModel;
  clock: Clock;
  random: Random;
  /**
   * Told the cost of every call as it is counted (completed, failed or retried), also after the consumer stopped
   * reading: what a run cost must be known even when its stream was abandoned (the budget settles on it).
   */
  onSpend?(costUsd: number): void;
}

export type { ChatMessage };
