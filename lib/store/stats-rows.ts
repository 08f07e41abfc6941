/**
 * The stats tables (migration 9) for both dialects: what a batch of events adds, how the rows read back as
 * facts, and the one window-and-owner condition every read applies. Reads join `runs` on its started_at
 * index, so a window costs the runs in it, not the whole history.
 */
import type { OwnerScope } from '@/lib/access/identity';
import type { CouncilEvent } from '@/lib/council/events';
import { addFactsOf, emptyFacts, STATS_EVENT_TYPES, type JudgementFact, type MemberFact, type PlacementFact, type StatsFacts } from '@/lib/stats/stats-facts';

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

export function toMemberFact(row: Row): MemberFact {
  return {
    runId: String(row.run_id),
    model: String(row.model),
    outcome: row.outcome === 'failed' ? 'failed' : 'completed',
    reason: row.reason === null || row.reason === undefined ? null : String(row.reason),
    ttftMs: numberOrNull(row.ttft_ms),
    durationMs: numberOrNull(row.duration_ms),
    costUsd: numberOrNull(row.cost_usd),
  };
}

export function toJudgementFact(row: Row): JudgementFact {
  return {
    runId: String(row.run_id),
    judge: String(row.judge),
    shown: Number(row.shown),
    firstShownBest: Boolean(row.first_shown_best),
    sawOwn: Boolean(row.saw_own),
    ownBest: Boolean(row.own_best),
  };
}

export function toPlacementFact(row: Row): PlacementFact {
  return {
    runId: String(row.run_id),
    model: String(row.model),
    averageRank: Number(row.average_rank),
    votes: Number(row.votes),
    place: Number(row.place),
  };
}

/**
 * `SELECT <table>.* FROM runs r JOIN <table> …` for the runs started at or after the first parameter and, for
 * an owner scope, owned by the second. `param(i)` renders the i-th (1-based) placeholder of the dialect.
 */
export function statsSelect(table: 'stats_members' | 'stats_judgements' | 'stats_placements', scope: OwnerScope, param: (i: number) => string): string {
  // runs.owner_key_id arrives with the access keys' migration; a scoped read is only made once keys exist.
  const owner = scope.kind === 'owner' ? ` AND r.owner_key_id = ${param(2)}` : '';
  return `SELECT s.* FROM runs r JOIN ${table} s ON s.run_id = r.id WHERE r.started_at >= ${param(1)}${owner}`;
}

export function statsParams(since: Date, scope: OwnerScope): unknown[] {
  return scope.kind === 'owner' ? [since.getTime(), scope.ownerKeyId] : [since.getTime()];
}
