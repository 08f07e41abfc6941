/**
 * /api/stats (DESIGN.md §8) from the stored facts. Per model, over stage 1 (answers): how many answers,
 * failures by reason, time to first token and duration (p50/p95, nearest rank), cost per answer; and from
 * each run's final aggregate ranking, first places and the average rank (weighted by votes, i.e. the mean
 * position over every valid ranking that placed it). Per judge, over its valid rankings: position bias —
 * the share that put the answer shown first (label "A") as best, against the expected 1/n (the mean of 1/n
 * over its rankings), with a 95% Wilson interval — and, where it ranked its own answer, self-preference.
 */
import { percentileOfSorted, wilson95 } from './proportions';
import type { StatsSummary } from './stats-summary';

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

export function computeModelStats(summary: StatsSummary): ModelStats[] {
  const models = new Set<string>([...summary.outcomes.map((o) => o.model), ...summary.placements.map((p) => p.model)]);
  // One pass over the samples (a year holds tens of thousands), one sort per series.
  const samples = new Map<string, { ttft: number[]; duration: number[] }>();
  for (const t of summary.timings) {
    let series = samples.get(t.model);
    if (!series) samples.set(t.model, (series = { ttft: [], duration: [] }));
    if (t.ttftMs !== null) series.ttft.push(t.ttftMs);
    if (t.durationMs !== null) series.duration.push(t.durationMs);
  }
  return [...models]
    .map((model): ModelStats => {
      const outcomes = summary.outcomes.filter((o) => o.model === model);
      const answers = outcomes.filter((o) => o.outcome === 'completed');
      const failures: Record<string, number> = {};
      for (const o of outcomes) if (o.outcome === 'failed') failures[o.reason ?? 'unknown'] = (failures[o.reason ?? 'unknown'] ?? 0) + o.count;
      const costCount = answers.reduce((n, o) => n + o.costCount, 0);
      const series = samples.get(model) ?? { ttft: [], duration: [] };
      const placed = summary.placements.find((p) => p.model === model);
      return {
        model,
        answers: answers.reduce((n, o) => n + o.count, 0),
        firstPlaces: placed?.firstPlaces ?? 0,
        ranked: placed?.ranked ?? 0,
        averageRank: placed && placed.votes > 0 ? placed.rankSum / placed.votes : null,
        failures,
        ttftMs: percentilesOf(series.ttft),
        durationMs: percentilesOf(series.duration),
        costPerAnswerUsd: costCount === 0 ? null : answers.reduce((sum, o) => sum + o.costSum, 0) / costCount,
      };
    })
    .sort(byRankThenName);
}

function percentilesOf(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentileOfSorted(sorted, 50), p95: percentileOfSorted(sorted, 95) };
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

export function computeJudgeStats(summary: StatsSummary): JudgeStats[] {
  return summary.judges
    .filter((t) => t.rankings > 0)
    .map((t): JudgeStats => {
      const stats: JudgeStats = {
        judge: t.judge,
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

export function computeStats(summary: StatsSummary, window: { days: number; since: Date }): StatsResponse {
  return { days: window.days, since: window.since.toISOString(), models: computeModelStats(summary), judges: computeJudgeStats(summary) };
}
