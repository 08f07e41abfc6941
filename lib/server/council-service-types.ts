import type { ResolvedConfig } from '@/lib/config/resolved-config';
import type { HistoryTurn } from '@/lib/council/council-input';
import type { CouncilEvent, WarningCode } from '@/lib/council/events';

/** One tier as the browser sees it (GET /api/tiers): who sits on it, never a key. */
export interface TierSummary {
  id: string;
  label: string;
  description: string;
  members: string[];
  chairman: string;
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
  /** A tier id; the default tier when left out. */
  tier?: string;
  /** Earlier exchanges of the conversation; trimmed to the configured `history.maxTurns` (the latest kept). */
  history?: HistoryTurn[];
  /** Aborting it (the client went away, or Stop) cancels the run and every in-flight upstream call. */
  signal: AbortSignal;
  /** The run's id; a fresh UUID when left out (the store may want to choose it). */
  runId?: string;
}

export interface StartedRun {
  runId: string;
  /** The engine's events; nothing runs until they are iterated. */
  events: AsyncIterable<CouncilEvent>;
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
  /** Start-up warnings: tiers waiting for a key, a default tier replaced by the first one that can run. */
  readonly warnings: string[];
  tiers(): TierSummary[];
  hasTier(id: string): boolean;
  /** Throws UnknownTierError for a tier that does not exist. */
  startRun(options: StartRunOptions): StartedRun;
  /** Non-null when a provider the tier needs has a full queue: the run would be refused, so answer 503. */
  saturated(tier: string): { retryAfterSeconds: number } | null;
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
