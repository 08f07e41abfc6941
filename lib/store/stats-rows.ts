/**
 * The stats tables (migration 9) for both dialects: what a batch of events adds, how the rows read back as
 * a summary, and the one window-and-owner condition every read applies. Reads join `runs` on its started_at
 * index, so a window costs the runs in it, not the whole history.
 */
import type { OwnerScope } from '@/lib/access/identity';
import type { CouncilEvent } from '@/lib/council/events';
import { addFactsOf, emptyFacts, STATS_EVENT_TYPES, type JudgementFact, type MemberFact, type PlacementFact, type StatsFacts } from '@/lib/stats/stats-facts';
import type { StatsSummary } from '@/lib/stats/stats-summary';

type Row = Record<string, unknown>;

/** The migration that created the stats tables; opening a store that applies it fills them from stored events. */
export const STATS_MIGRATION_VERSION = 9;

export const STATS_EVENT_TYPE_LIST = STATS_EVENT_TYPES.map((t) => `'${t}'`).join(', ');

export const MEMBER_COLUMNS = ['run_id', 'model', 'outcome', 'reason', 'ttft_ms', 'duration_ms', 'cost_usd'] as const;
export const JUDGEMENT_COLUMNS = ['run_id', 'judge', 'shown', 'first_shown_best', 'saw_own', 'own_best'] as const;
export const PLACEMENT_COLUMNS = ['run_id', 'model', 'average_rank', 'votes', 'place'] as const;

/** The facts in a batch of events, and the runs whose placements they replace. */
export function batchFacts(events: readonly CouncilEvent[]): { facts: StatsFacts; replacedPlacements: string[] } {
  const facts = emptyFacts();
  const replaced = new Set<string>();
  for (const event of events) {
    if (event.type === 'ranking.aggregate') replaced.add(event.runId);
    addFactsOf(event, facts);
  }
  return { facts, replacedPlacements: [...replaced] };
}

/** Booleans as the dialect stores them: SQLite has no boolean type. */
type Bool = (value: boolean) => boolean | number;

export function memberValues(f: MemberFact): unknown[] {
  return [f.runId, f.model, f.outcome, f.reason, f.ttftMs, f.durationMs, f.costUsd];
}

export function judgementValues(f: JudgementFact, bool: Bool): unknown[] {
  return [f.runId, f.judge, f.shown, bool(f.firstShownBest), bool(f.sawOwn), bool(f.ownBest)];
}

export function placementValues(f: PlacementFact): unknown[] {
  return [f.runId, f.model, f.averageRank, f.votes, f.place];
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** The four summary reads: GROUP BY in the database, so only sums (and one timing row per answer) come back. */
const SUMMARY_READS = {
  outcomes: {
    table: 'stats_members',
    select: 's.model, s.outcome, s.reason, COUNT(*) AS n, COALESCE(SUM(s.cost_usd), 0) AS cost_sum, COUNT(s.cost_usd) AS cost_count',
    tail: ' GROUP BY s.model, s.outcome, s.reason',
  },
  timings: { table: 'stats_members', select: 's.model, s.ttft_ms, s.duration_ms', tail: " AND s.outcome = 'completed'" },
  judges: {
    table: 'stats_judgements',
    // Booleans are 0/1 in SQLite and BOOLEAN in PostgreSQL: CASE WHEN reads both.
    select: `s.judge, COUNT(*) AS rankings, SUM(CASE WHEN s.first_shown_best THEN 1 ELSE 0 END) AS first_shown_best,
      SUM(1.0 / s.shown) AS inverse_n, SUM(CASE WHEN s.saw_own THEN 1 ELSE 0 END) AS own,
      SUM(CASE WHEN s.own_best THEN 1 ELSE 0 END) AS own_best, SUM(CASE WHEN s.saw_own THEN 1.0 / s.shown ELSE 0 END) AS own_inverse_n`,
    tail: ' AND s.shown > 0 GROUP BY s.judge',
  },
  placements: {
    table: 'stats_placements',
    select: 's.model, COUNT(*) AS ranked, SUM(CASE WHEN s.place = 1 THEN 1 ELSE 0 END) AS first_places, SUM(s.average_rank * s.votes) AS rank_sum, SUM(s.votes) AS votes',
    tail: ' GROUP BY s.model',
  },
} as const;

export type SummaryRead = keyof typeof SUMMARY_READS;
export const SUMMARY_READ_NAMES = Object.keys(SUMMARY_READS) as SummaryRead[];

/**
 * One summary read for the runs started at or after the first parameter and, for an owner scope, owned by the
 * second. `param(i)` renders the i-th (1-based) placeholder of the dialect.
 */
export function summarySql(read: SummaryRead, scope: OwnerScope, param: (i: number) => string): string {
  const { table, select, tail } = SUMMARY_READS[read];
  // runs.owner_key_id arrives with the access keys' migration; a scoped read is only made once keys exist.
  const owner = scope.kind === 'owner' ? ` AND r.owner_key_id = ${param(2)}` : '';
  return `SELECT ${select} FROM runs r JOIN ${table} s ON s.run_id = r.id WHERE r.started_at >= ${param(1)}${owner}${tail}`;
}

export function statsParams(since: Date, scope: OwnerScope): unknown[] {
  return scope.kind === 'owner' ? [since.getTime(), scope.ownerKeyId] : [since.getTime()];
}

/** Rows of the four reads → the summary (PostgreSQL returns COUNT/SUM of integers as strings). */
export function toSummary(rows: Record<SummaryRead, Row[]>): StatsSummary {
  return {
    outcomes: rows.outcomes.map((r) => ({
      model: String(r.model),
      outcome: r.outcome === 'failed' ? 'failed' : 'completed',
      reason: r.reason === null || r.reason === undefined ? null : String(r.reason),
      count: Number(r.n),
      costSum: Number(r.cost_sum),
      costCount: Number(r.cost_count),
    })),
    timings: rows.timings.map((r) => ({ model: String(r.model), ttftMs: numberOrNull(r.ttft_ms), durationMs: numberOrNull(r.duration_ms) })),
    judges: rows.judges.map((r) => ({
      judge: String(r.judge),
      rankings: Number(r.rankings),
      firstShownBest: Number(r.first_shown_best),
      inverseN: Number(r.inverse_n),
      own: Number(r.own),
      ownBest: Number(r.own_best),
      ownInverseN: Number(r.own_inverse_n),
    })),
    placements: rows.placements.map((r) => ({
      model: String(r.model),
      ranked: Number(r.ranked),
      firstPlaces: Number(r.first_places),
      rankSum: Number(r.rank_sum),
      votes: Number(r.votes),
    })),
  };
}
