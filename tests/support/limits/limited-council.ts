import { loadConfig } from '@/lib/config/load-config';
import type { ResolvedConfig } from '@/lib/config/resolved-config';
import type { CouncilEvent } from '@/lib/council/events';
import { worstCaseEstimator } from '@/lib/limits/run-worst-case';
import { createCouncilService } from '@/lib/server/create-council-service';
import { startCouncilRun, type PipelineDeps, type PipelineResult } from '@/lib/server/council-pipeline';
import type { Identity } from '@/lib/access/identity';
import type { RunAdmission } from '@/lib/server/run-admission';
import { openSqliteStore } from '@/lib/store/sqlite-store';

/**
 * A priced, fast, simulated council for budget tests: two healthy members and one that streams a few tokens and
 * then fails (retried once), so failed attempts cost something. Reusable by HTTP tests as a QUORUM_CONFIG file.
 */
export const LIMITED_COUNCIL_CONFIG = {
  models: [
    { id: 'priced-a', provider: 'simulated', model: 'sim-swift', pricing: { inputPerMTok: 100, outputPerMTok: 400 }, simulation: { firstTokenMs: 1, tokensPerSecond: 20_000 } },
    { id: 'priced-b', provider: 'simulated', model: 'sim-swift', pricing: { inputPerMTok: 100, outputPerMTok: 400 }, simulation: { firstTokenMs: 1, tokensPerSecond: 20_000 } },
    { id: 'priced-flaky', provider: 'simulated', model: 'sim-swift', pricing: { inputPerMTok: 100, outputPerMTok: 400 }, simulation: { firstTokenMs: 1, tokensPerSecond: 20_000, failAfterTokens: 5 } },
  ],
  tiers: [
    {
      id: 'priced',
      council: ['priced-a', 'priced-b', 'priced-flaky'],
      chairman: 'priced-a',
      maxTokens: { answer: 300, ranking: 200, synthesis: 400 },
    },
  ],
  defaultTier: 'priced',
  retry: { maxAttempts: 2, baseMs: 1, factor: 1, capMs: 1 },
};

export interface LimitedCouncil {
  config: ResolvedConfig;
  /** The worst case of a question without history in the `priced` tier. */
  worstCaseUsd(question: string): number;
  start(identity: Identity, question?: string): Promise<PipelineResult>;
  close(): Promise<void>;
}

export function limitedCouncil(admission: RunAdmission): LimitedCouncil {
  const config = loadConfig({ env: { QUORUM_CONFIG: 'q.json' }, readFile: () => JSON.stringify(LIMITED_COUNCIL_CONFIG) });
  const service = createCouncilService(config, { env: {} });
  const store = openSqliteStore({ filename: ':memory:' });
  const worstCase = worstCaseEstimator(config);
  const deps: PipelineDeps = { service, openStore: async () => store, admission, worstCaseUsd: worstCase };
  return {
    config,
    worstCaseUsd: (question) => worstCase('priced', question, []),
    start: (identity, question = 'How do budgets stay safe?') =>
      startCouncilRun({ identity, source: 'web', question, signal: new AbortController().signal }, deps),
    close: () => store.close(),
  };
}

/** Drains a run's events (which settles its admission when they end). */
export async function drain(events: AsyncIterable<CouncilEvent>): Promise<CouncilEvent[]> {
  const seen: CouncilEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

/** What a run's events say it spent: every completed, failed and retried attempt. */
export function spentOf(events: CouncilEvent[]): number {
  return events.reduce((sum, e) => {
    if (e.type === 'member.completed' || e.type === 'member.failed' || e.type === 'member.retrying') return sum + (e.costUsd ?? 0);
    return sum;
  }, 0);
}
