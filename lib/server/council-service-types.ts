import type { ResolvedConfig } from '@/lib/config/resolved-config';
import type { HistoryTurn } from '@/lib/council/council-input';
import type { CouncilEvent, WarningCode } from '@/lib/council/events';
import type { StageName } from '@/lib/council/policy';
import type { Pricing } from '@/lib/pricing/pricing';
import type { CouncilMode } from '@/lib/pricing/worst-case-cost';

/** A configured model as GET /api/models shows it: what it is and what it costs, never a key. */
export interface ModelSummary {
  id: string;
  label: string;
  /** The provider's id in the config. */
  provider: string;
  /** Zero prices when the config gives none (such calls are counted as free). */
  pricing: Pricing;
  /** True when its provider is simulated or has its key (or needs none): it can be put on a council. */
  runnable: boolean;
}

/** Who sits on a run's council when the caller chose it rather than taking the tier's. */
export interface CouncilChoice {
  members: string[];
  chairman: string;
  fallbackChairmen: string[];
}

/** One tier as the browser sees it (GET /api/tiers): who sits on it, never a key. */
export interface TierSummary {
  id: string;
  label: string;
  description: string;
  members: string[];
  chairman: string;
  fallbackChairmen: string[];
  /** The most each call may write, per stage (the worst-case cost is computed from it). */
  maxTokens: Record<StageName, number>;
  /** True when every model of the tier runs on the simulated provider. */
  simulated: boolean;
  /** False when a provider it needs has no key: listed, but a run on it is refused (`tier_unavailable`). */
  available: boolean;
  /** The environment variables to set to make an unavailable tier available (names, never values). */
  missingKeys?: string[];
  /** Why an unavailable tier cannot run, in a sentence for the UI. */
  unavailableReason?: string;
}

export interface StartRunOptions {
  question: string;
  /** A tier id; the default tier when left out. Its policy applies, custom council or not. */
  tier?: string;
  /** The council, chairman and fallbacks to use instead of the tier's (validated by the caller). */
  council?: CouncilChoice;
  /** How far the run goes; `full` when left out. */
  mode?: CouncilMode;
  /** Earlier exchanges of the conversation; trimmed to the configured `history.maxTurns` (the latest kept). */
  history?: HistoryTurn[];
  /** The caller's own instructions (an API client's system messages), for the members and the chairman. */
  instructions?: string;
  /** Which front door started the run; recorded on run.started. */
  source?: string;
  /** Aborting it (the client went away, or Stop) cancels the run and every in-flight upstream call. */
  signal: AbortSignal;
  /** The run's id; a fresh UUID when left out (the store may want to choose it). */
  runId?: string;
}

export interface StartedRun {
  runId: string;
  /** The engine's events; nothing runs until they are iterated. */
  events: AsyncIterable<CouncilEvent>;
  /** What the run's calls have cost so far, USD, including those ended after the events stopped being read. */
  spentUsd?(): number;
  /** Adds a `warning` event in sequence (e.g. `not_saved` when storage fails); dropped once the run ended. */
  warn(code: WarningCode, message: string): void;
}

/** The server's one entry to councils: config and providers wired once, shared by every run. */
export interface CouncilService {
  readonly defaultTier: string;
  /** True when no API key at all is set and every tier runs on the simulated provider. */
  readonly simulated: boolean;
  /** The validated configuration (no keys in it). */
  readonly config: ResolvedConfig;
  /** Attempts per model call (the retry policy's maxAttempts): the worst case pays for each. */
  readonly maxAttempts: number;
  /** Start-up warnings: tiers waiting for a key, a default tier replaced by the first one that can run. */
  readonly warnings: string[];
  tiers(): TierSummary[];
  hasTier(id: string): boolean;
  /** Every configured model, with its price and whether it can run. */
  models(): ModelSummary[];
  /** The council a tier names. Throws UnknownTierError for a tier that does not exist. */
  tierCouncil(id: string): CouncilChoice;
  /** Throws UnknownTierError for a tier that does not exist. */
  startRun(options: StartRunOptions): StartedRun;
  /**
   * Non-null when a provider the tier needs (or, given `modelIds`, those models need) has a full queue: the run
   * would be refused, so answer 503.
   */
  saturated(tier: string, modelIds?: string[]): { retryAfterSeconds: number } | null;
}

export class UnknownTierError extends Error {
  constructor(
    readonly tier: string,
    readonly validTiers: string[],
  ) {
    super(`Unknown tier "${tier}". Valid tiers: ${validTiers.join(', ')}.`);
    this.name = 'UnknownTierError';
  }
}
