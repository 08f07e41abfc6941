/**
 * The UI's picture of one council run, folded from CouncilEvents by `reduceRun`.
 * Plain data only (no functions, no class instances) so that it can be compared, logged and rebuilt
 * from a stored run's events.
 */
import type { TokenUsage } from '@/lib/council/chat-model';
import type { AggregateEntry, RunTotals, WarningCode } from '@/lib/council/events';
import type { FailureReason } from '@/lib/council/model-call-error';
import type { CouncilPolicy, Stage } from '@/lib/council/policy';
import type { Pricing } from '@/lib/pricing/pricing';
import type { CouncilMode } from '@/lib/pricing/worst-case-cost';

export type RunStatus = 'idle' | 'running' | 'completed' | 'failed' | 'cancelled';

/** `cut` is a straggler cut; `retrying` lasts from a failed attempt until the next one streams. */
export type MemberStatus = 'waiting' | 'streaming' | 'retrying' | 'done' | 'failed' | 'cut';

/** One failed attempt that was retried, at `t` ms since the run started. */
export interface RetryMark {
  t: number;
  attempt: number;
  delayMs: number;
  reason: string;
}

/** One member's part in one stage: its text so far and its timeline. */
export interface MemberStageState {
  model: string;
  stage: Stage;
  status: MemberStatus;
  text: string;
  /** The attempt in progress (1 for the first). */
  attempt: number;
  /** Attempts used, once finished (from the engine). */
  attempts: number;
  retries: RetryMark[];
  startMs: number | null;
  /** Time the call waited for an in-flight slot or the rate limiter (from its final event; 0 until then). */
  queuedMs: number;
  firstTokenMs: number | null;
  endMs: number | null;
  failure: { reason: FailureReason; message: string } | null;
  usage: TokenUsage | null;
  costUsd: number | null;
  /** The call's prompt, estimated by the engine (member.started), for the live estimate of an attempt. */
  promptTokens: number | null;
  /** What the attempts that ended used, exactly as reported (retried, failed, cut and completed ones). */
  spent: { tokens: TokenUsage; costUsd: number };
}

export type StageStatus = 'pending' | 'running' | 'done';

export interface StageState {
  stage: Stage;
  status: StageStatus;
  startMs: number | null;
  endMs: number | null;
  /** Members in the order the stage announced them (then in order of first appearance). */
  models: string[];
  members: Record<string, MemberStageState>;
  succeeded: string[];
  failed: string[];
  /** Stage 2 only: whether stage 3 started after all rankings or after the quorum. */
  transition: 'all' | 'quorum' | null;
}

/** One judge's ranking as parsed by the engine. */
export interface RankingState {
  judge: string;
  /** Label → model, as this judge saw them. */
  labels: Record<string, string>;
  /** Labels as the judge wrote them, best first. */
  order: string[];
  /** Models, best first. */
  ranked: string[];
  valid: boolean;
  /** True when it arrived after stage 3 had started: the chairman did not see it. */
  late: boolean;
  critique: string;
  problems: string[];
  t: number;
}

export interface WarningState {
  code: WarningCode;
  message: string;
  stage: Stage | null;
  t: number;
}

export interface RunState {
  runId: string | null;
  status: RunStatus;
  question: string;
  tier: string | null;
  members: string[];
  chairman: string | null;
  fallbackChairmen: string[];
  /** How far the run goes (`full` for runs recorded before modes). */
  mode: CouncilMode;
  /** Prices of the run's models, from run.started (empty when the server sent none). */
  pricing: Record<string, Pricing>;
  policy: CouncilPolicy | null;
  /** The stage most recently started (0 before the first). */
  currentStage: Stage | 0;
  stages: Record<Stage, StageState>;
  rankings: RankingState[];
  /** The aggregate of the rankings the chairman saw. */
  aggregate: AggregateEntry[] | null;
  /** The aggregate including late rankings (for the UI only). */
  lateAggregate: AggregateEntry[] | null;
  /** Judges whose rankings reached the chairman (arrived before stage 3 started). */
  chairmanSaw: string[];
  warnings: WarningState[];
  /** When stage 2 ended on the quorum and stage 3 started early (ms since start). */
  earlyTransitionMs: number | null;
  /** The final answer: the streaming chairman's text, replaced by run.completed's text. */
  finalText: string;
  /** The model whose stage-3 text `finalText` currently shows. */
  finalModel: string | null;
  degraded: boolean;
  /** The member whose answer is final when it is not a chairman's synthesis (answers / ranked modes, fallbacks). */
  answeredBy: string | null;
  totals: RunTotals | null;
  /** Why the run failed or was cancelled. */
  end: { reason: string; message: string; failures: { model: string; reason: FailureReason }[] } | null;
  lastSeq: number;
  /** The latest `t` seen: "now" for bars still in progress. */
  elapsedMs: number;
}
