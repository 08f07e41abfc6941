/**
 * The few facts /api/stats needs, taken from a run's events as they are stored (one row per fact, so a year
 * of history is read without parsing answer texts again). Pure: the stores call it inside the transaction
 * that writes the events, and once over the stored events when the stats tables are created.
 */
import type { CouncilEvent } from '@/lib/council/events';

/** A stage-1 outcome of one model in one run: an answer, or a failure with its reason. */
export interface MemberFact {
  runId: string;
  model: string;
  outcome: 'completed' | 'failed';
  /** The failure reason (`timeout`, `http_500`, …); null for an answer. */
  reason: string | null;
  /** From the call's start to its first token, ms; null when no token came. */
  ttftMs: number | null;
  durationMs: number | null;
  costUsd: number | null;
}

/** One valid ranking by one judge. */
export interface JudgementFact {
  runId: string;
  judge: string;
  /** How many answers it ranked (n). */
  shown: number;
  /** It put the answer shown first (label "A") as best. */
  firstShownBest: boolean;
  /** Its own answer was among those it ranked (excludeSelf off). */
  sawOwn: boolean;
  /** It put its own answer as best. */
  ownBest: boolean;
}

/** A model's place in a run's aggregate (the last one: it includes late rankings). */
export interface PlacementFact {
  runId: string;
  model: string;
  /** Average rank position in this run, 1 is best. */
  averageRank: number;
  votes: number;
  /** 1-based place in the aggregate (ties already broken by the engine's deterministic rule). */
  place: number;
}

export interface StatsFacts {
  members: MemberFact[];
  judgements: JudgementFact[];
  /** Each run's placements replace that run's earlier ones (a late aggregate supersedes the first). */
  placements: PlacementFact[];
}

export const STATS_EVENT_TYPES = ['member.completed', 'member.failed', 'ranking.parsed', 'ranking.aggregate'] as const;

export function emptyFacts(): StatsFacts {
  return { members: [], judgements: [], placements: [] };
}

/** Adds the facts of one event to `into`; events that carry none are ignored. */
export function addFactsOf(event: CouncilEvent, into: StatsFacts): void {
  switch (event.type) {
    case 'member.completed':
    case 'member.failed': {
      if (event.stage !== 1) return;
      const { startMs, firstTokenMs, endMs } = event.timing;
      into.members.push({
        runId: event.runId,
        model: event.model,
        outcome: event.type === 'member.completed' ? 'completed' : 'failed',
        reason: event.type === 'member.failed' ? event.reason : null,
        ttftMs: finiteOrNull(firstTokenMs === null ? null : firstTokenMs - startMs),
        durationMs: finiteOrNull(endMs - startMs),
        costUsd: event.type === 'member.completed' ? finiteOrNull(event.costUsd ?? null) : null,
      });
      return;
    }
    case 'ranking.parsed': {
      if (!event.valid || event.order.length === 0) return;
      const shown = Object.values(event.labels);
      const best = event.labels[event.order[0]];
      into.judgements.push({
        runId: event.runId,
        judge: event.judge,
        shown: shown.length,
        firstShownBest: event.order[0] === 'A',
        sawOwn: shown.includes(event.judge),
        ownBest: best === event.judge,
      });
      return;
    }
    case 'ranking.aggregate': {
      into.placements = into.placements.filter((p) => p.runId !== event.runId);
      event.entries.forEach((entry, index) => {
        if (entry.averageRank === null) return;
        into.placements.push({ runId: event.runId, model: entry.model, averageRank: entry.averageRank, votes: entry.votes, place: index + 1 });
      });
      return;
    }
    default:
      return;
  }
}

export function factsOf(events: Iterable<CouncilEvent>): StatsFacts {
  const facts = emptyFacts();
  for (const event of events) addFactsOf(event, facts);
  return facts;
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
