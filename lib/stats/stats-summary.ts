/**
 * The stats facts summed per model and per judge: what the stores compute with GROUP BY so that a year of
 * history crosses the wire as a few dozen rows (plus one timing sample per answer, for the percentiles).
 * `summarize` is the same in TypeScript, for the pure tests and as the definition the SQL must match.
 */
import type { StatsFacts } from './stats-facts';

/** Stage-1 outcomes of one model with one reason (null for answers). */
export interface OutcomeTally {
  model: string;
  outcome: 'completed' | 'failed';
  reason: string | null;
  count: number;
  /** Sum and count of the known costs among them. */
  costSum: number;
  costCount: number;
}

/** One stage-1 answer's timing. */
export interface TimingSample {
  model: string;
  ttftMs: number | null;
  durationMs: number | null;
}

export interface JudgeTally {
  judge: string;
  rankings: number;
  firstShownBest: number;
  /** Sum of 1/n over its rankings. */
  inverseN: number;
  /** Rankings in which it saw its own answer, how many put it first, and their sum of 1/n. */
  own: number;
  ownBest: number;
  ownInverseN: number;
}

export interface PlacementTally {
  model: string;
  /** Runs whose aggregate placed it. */
  ranked: number;
  firstPlaces: number;
  /** Sum of averageRank × votes, and of votes. */
  rankSum: number;
  votes: number;
}

export interface StatsSummary {
  outcomes: OutcomeTally[];
  timings: TimingSample[];
  judges: JudgeTally[];
  placements: PlacementTally[];
}

function tallyBy<T, K>(items: readonly T[], key: (item: T) => string, start: (item: T) => K, add: (tally: K, item: T) => void): K[] {
  const tallies = new Map<string, K>();
  for (const item of items) {
    const k = key(item);
    let tally = tallies.get(k);
    if (!tally) tallies.set(k, (tally = start(item)));
    add(tally, item);
  }
  return [...tallies.values()];
}

export function summarize(facts: StatsFacts): StatsSummary {
  return {
    outcomes: tallyBy(
      facts.members,
      (f) => JSON.stringify([f.model, f.outcome, f.reason]),
      (f): OutcomeTally => ({ model: f.model, outcome: f.outcome, reason: f.reason, count: 0, costSum: 0, costCount: 0 }),
      (t, f) => {
        t.count += 1;
        if (f.costUsd !== null) {
          t.costSum += f.costUsd;
          t.costCount += 1;
        }
      },
    ),
    timings: facts.members.filter((f) => f.outcome === 'completed').map((f) => ({ model: f.model, ttftMs: f.ttftMs, durationMs: f.durationMs })),
    judges: tallyBy(
      facts.judgements.filter((f) => f.shown > 0),
      (f) => f.judge,
      (f): JudgeTally => ({ judge: f.judge, rankings: 0, firstShownBest: 0, inverseN: 0, own: 0, ownBest: 0, ownInverseN: 0 }),
      (t, f) => {
        t.rankings += 1;
        t.inverseN += 1 / f.shown;
        if (f.firstShownBest) t.firstShownBest += 1;
        if (f.sawOwn) {
          t.own += 1;
          t.ownInverseN += 1 / f.shown;
          if (f.ownBest) t.ownBest += 1;
        }
      },
    ),
    placements: tallyBy(
      facts.placements,
      (f) => f.model,
      (f): PlacementTally => ({ model: f.model, ranked: 0, firstPlaces: 0, rankSum: 0, votes: 0 }),
      (t, f) => {
        t.ranked += 1;
        if (f.place === 1) t.firstPlaces += 1;
        t.rankSum += f.averageRank * f.votes;
        t.votes += f.votes;
      },
    ),
  };
}
