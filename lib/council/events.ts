/**
 * The event contract (DESIGN.md §4): what the engine yields, what the SSE route encodes and what
 * the browser's reducer folds. Public: extend it, never rename a field.
 */
import type { TokenUsage } from './chat-model';
import type { FailureReason } from './model-call-error';
import type { CouncilPolicy, Stage } from './policy';
import type { CouncilMode } from '@/lib/pricing/worst-case-cost';
import type { Pricing } from '@/lib/pricing/pricing';

export interface EventBase {
  runId: string;
  /** 1, 2, 3, … with no gaps. */
  seq: number;
  /** ms since the run started. */
  t: number;
}

export interface MemberTiming {
  startMs: number;
  /**
   * Time spent waiting for an in-flight slot or the rate limiter before the upstream request went out (all
   * attempts). Always sent by this server; absent in runs stored before it existed, which means 0.
   */
  queuedMs?: number;
  /** null when the answer arrived without a streamed token (should not happen for a completed member). */
  firstTokenMs: number | null;
  endMs: number;
}

export interface AggregateEntry {
  model: string;
  /** Average rank position, 1 is best; null when no valid ranking placed this answer. */
  averageRank: number | null;
  votes: number;
}

export interface StageTotals {
  stage: Stage;
  durationMs: number;
}

export interface RunTotals {
  durationMs: number;
  stages: StageTotals[];
  tokens: TokenUsage;
  costUsd: number;
}

export type CouncilEventBody =
  | {
      type: 'run.started';
      question: string;
      tier: string;
      members: string[];
      chairman: string;
      fallbackChairmen: string[];
      /** How far the run goes; `full` for runs recorded before modes existed. */
      mode?: CouncilMode;
      /** The configured price of each model the run may call (models without a price are left out). */
      pricing?: Record<string, Pricing>;
      policy: CouncilPolicy;
      /** Which front door started the run: `web`, `api` (/v1) or `mcp`. Absent on runs recorded before it existed. */
      source?: string;
    }
  | { type: 'stage.started'; stage: Stage; models: string[] }
  /** `promptTokens`: the call's prompt, estimated at ~4 characters a token (for the live cost meter). */
  | { type: 'member.started'; stage: Stage; model: string; attempt: number; promptTokens?: number }
  | { type: 'member.delta'; stage: Stage; model: string; text: string }
  /** `usage` / `costUsd`: what the failed attempt used (estimated from its prompt and streamed text). */
  | {
      type: 'member.retrying';
      stage: Stage;
      model: string;
      attempt: number;
      delayMs: number;
      reason: string;
      usage?: TokenUsage;
      costUsd?: number;
    }
  | {
      type: 'member.completed';
      stage: Stage;
      model: string;
      text: string;
      usage: TokenUsage;
      costUsd?: number;
      timing: MemberTiming;
      attempts: number;
    }
  | {
      type: 'member.failed';
      stage: Stage;
      model: string;
      reason: FailureReason;
      message: string;
      timing: MemberTiming;
      attempts: number;
      /** What the last attempt used before it failed or was cut (estimated); earlier attempts are on member.retrying. */
      usage?: TokenUsage;
      costUsd?: number;
    }
  | {
      type: 'ranking.parsed';
      judge: string;
      labels: Record<string, string>;
      order: string[];
      ranked: string[];
      valid: boolean;
      late: boolean;
      critique: string;
      problems?: string[];
    }
  | { type: 'ranking.aggregate'; entries: AggregateEntry[]; late: boolean }
  | {
      type: 'stage.completed';
      stage: Stage;
      durationMs: number;
      succeeded: string[];
      failed: string[];
      transition?: 'all' | 'quorum';
    }
  | { type: 'warning'; code: WarningCode; message: string; stage?: Stage }
  | {
      type: 'run.completed';
      text: string;
      chairman: string | null;
      degraded: boolean;
      totals: RunTotals;
      /** The member whose stage-1 answer is the final text, when it is not a chairman's synthesis. */
      answeredBy?: string;
    }
  | { type: 'run.failed'; reason: string; message: string; failures?: { model: string; reason: FailureReason }[] }
  | { type: 'run.cancelled'; reason: string; message: string };

export type WarningCode =
  | 'degraded_council'
  | 'single_answer'
  | 'no_valid_rankings'
  | 'chairman_fallback'
  | 'chairman_failed'
  | 'stage_slow'
  /** Storage is down or a write failed: the run goes on, but it will not be in the history. */
  | 'not_saved';

export type CouncilEvent = CouncilEventBody & EventBase;
export type CouncilEventType = CouncilEvent['type'];
export type EventOf<T extends CouncilEventType> = Extract<CouncilEvent, { type: T }>;

export const TERMINAL_EVENT_TYPES = ['run.completed', 'run.failed', 'run.cancelled'] as const;

export function isTerminalEvent(event: CouncilEvent): boolean {
  return (TERMINAL_EVENT_TYPES as readonly string[]).includes(event.type);
}
