/**
 * /api/stats (DESIGN.md §8) from the stored facts. Per model, over stage 1 (answers): how many answers,
 * failures by reason, time to first token and duration (p50/p95, nearest rank), cost per answer; and from
 * each run's final aggregate ranking, first places and the average rank (weighted by votes, i.e. the mean
 * position over every valid ranking that placed it). Per judge, over its valid rankings: position bias —
 * the share that put the answer shown first (label "A") as best, against the expected 1/n (the mean of 1/n
 * over its rankings), with a 95% Wilson interval — and, where it ranked its own answer, self-preference.
 */
import { percentile, wilson95 } from './proportions';
import type { StatsFacts } from './stats-facts';

export interface Percentiles {
  p50: number | null;
  p95: number | null;
}

export interface ModelStats {
  model: string;
  /** Stage-1 answers. */
  answers: number;
  /** Runs whose final aggregate put this model first. */
  firstPlaces: number;
  /** Runs in which it was placed in the aggregate. */
  ranked: number;
  /** Mean position over every valid ranking that placed it (1 is best); null when never ranked. */
  averageRank: number | null;
  /** Stage-1 failures by reason. */
  failures: Record<string, number>;
  ttftMs: Percentiles;
  durationMs: Percentiles;
  /** Mean stage-1 cost of its answers, over the answers with a known cost; null when none is known. */
  costPerAnswerUsd: number | null;
}

export interface ShareWithInterval {
  /** Valid rankings counted. */
  rankings: number;
  /** How many of them were a hit. */
  count: number;
  /** count / rankings. */
  share: number;
  /** What an unbiased judge would get: the mean of 1/n over these rankings. */
  expected: number;
  /** 95% Wilson score interval of the share. */
  ci95: [number, number];
}

export interface JudgeStats {
  judge: string;
  /** Valid rankings it gave. */
  rankings: number;
  /** Share (0..1) of them that put the answer shown first as best. */
  firstShownBest: number;
  firstShownBestCount: number;
  /** 1/n averaged over its rankings. */
  expected: number;
  /** 95% Wilson score interval of firstShownBest. */
  ci95: [number, number];
  /** Over the rankings in which its own answer was among those ranked: how often it put its own first. */
  selfPreference?: ShareWithInterval;
}

export interface StatsResponse {
  days: number;
  since: string;
  models: ModelStats[];
  judges: JudgeStats[];
}

interface ModelTally {
  answers: number;
  failures: Record<string, number>;
  ttft: number[];
  duration: number[];
  costSum: number;
  costCount: number;
  firstPlaces: number;
  ranked: number;
  rankSum: number;
  votes: number;
}

function newTally(): ModelTally {
  return { answers: 0, failures: {}, ttft: [], duration: [], costSum: 0, costCount: 0, firstPlaces: 0, ranked: 0, rankSum: 0, votes: 0 };
}

export function computeModelStats(facts: StatsFacts): ModelStats[] {
  const tallies = new Map<string, ModelTally>();
  const tallyOf = (model: string) => {
    let tally = tallies.get(model);
    if (!tally) tallies.set(model, (tally = newTally()));
    return tally;
  };
  for (const fact of facts.members) {
    const tally = tallyOf(fact.model);
    if (fact.outcome === 'failed') {
      const reason = fact.reason ?? 'unknown';
      tally.failures[reason] = (tally.failures[reason] ?? 0) + 1;
      continue;
    }
    tally.answers += 1;
    if (fact.ttftMs !== null) tally.ttft.push(fact.ttftMs);
    if (fact.durationMs !== null) tally.duration.push(fact.durationMs);
    if (fact.costUsd !== null) {
      tally.costSum += fact.costUsd;
      tally.costCount += 1;
    }
  }
  for (const fact of facts.placements) {
    const tally = tallyOf(fact.model);
    tally.ranked += 1;
    if (fact.place === 1) tally.firstPlaces += 1;
    tally.rankSum += fact.averageRank * fact.votes;
    tally.votes += fact.votes;
  }
  return [...tallies]
    .map(([model, t]) => ({
      model,
      answers: t.answers,
      firstPlaces: t.firstPlaces,
      ranked: t.ranked,
      averageRank: t.votes === 0 ? null : t.rankSum / t.votes,
      failures: t.failures,
      ttftMs: { p50: percentile(t.ttft, 50), p95: percentile(t.ttft, 95) },
      durationMs: { p50: percentile(t.duration, 50), p95: percentile(t.duration, 95) },
      costPerAnswerUsd: t.costCount === 0 ? null : t.costSum / t.costCount,
    }))
    .sort(byRankThenName);
}

/** Best average rank first; never-ranked models last; then by name, so the order is stable. */
function byRankThenName(a: ModelStats, b: ModelStats): number {
  if (a.averageRank !== b.averageRank) {
    if (a.averageRank === null) return 1;
    if (b.averageRank === null) return -1;
    return a.averageRank - b.averageRank;
  }
  return a.model < b.model ? -1 : a.model > b.model ? 1 : 0;
}

interface JudgeTally {
  rankings: number;
  firstShownBest: number;
  inverseN: number;
  own: number;
  ownBest: number;
  ownInverseN: number;
}

export function computeJudgeStats(facts: StatsFacts): JudgeStats[] {
  const tallies = new Map<string, JudgeTally>();
  for (const fact of facts.judgements) {
    if (fact.shown < 1) continue;
    let t = tallies.get(fact.judge);
    if (!t) tallies.set(fact.judge, (t = { rankings: 0, firstShownBest: 0, inverseN: 0, own: 0, ownBest: 0, ownInverseN: 0 }));
    t.rankings += 1;
    t.inverseN += 1 / fact.shown;
    if (fact.firstShownBest) t.firstShownBest += 1;
    if (fact.sawOwn) {
      t.own += 1;
      t.ownInverseN += 1 / fact.shown;
      if (fact.ownBest) t.ownBest += 1;
    }
  }
  return [...tallies]
    .map(([judge, t]): JudgeStats => {
      const stats: JudgeStats = {
        judge,
        rankings: t.rankings,
        firstShownBest: t.firstShownBest / t.rankings,
        firstShownBestCount: t.firstShownBest,
        expected: t.inverseN / t.rankings,
        ci95: wilson95(t.firstShownBest, t.rankings),
      };
      if (t.own > 0) {
        stats.selfPreference = {
          rankings: t.own,
          count: t.ownBest,
          share: t.ownBest / t.own,
          expected: t.ownInverseN / t.own,
          ci95: wilson95(t.ownBest, t.own),
        };
      }
      return stats;
    })
    .sort((a, b) => (a.judge < b.judge ? -1 : a.judge > b.judge ? 1 : 0));
}

export function computeStats(facts: StatsFacts, window: { days: number; since: Date }): StatsResponse {
  return { days: window.days, since: window.since.toISOString(), models: computeModelStats(facts), judges: computeJudgeStats(facts) };
}
