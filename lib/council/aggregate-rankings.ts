/**
 * The council's verdict from stage 2: average rank position per answer. Labels differ per judge, so
 * the aggregate is by model; the engine maps each valid ranking's labels to models before calling this.
 */
import type { AggregateEntry } from './events';

/**
 * Averages each model's 1-based position over the rankings that placed it (lower is better) and
 * counts those votes. Returns one entry per model in `models`, best first; a model no ranking placed
 * gets `averageRank: null` and comes last. Ties break by more votes, then by model id, so the result
 * never depends on the order in which rankings arrived. Ids in `ranked` that are not in `models`
 * are ignored; a model listed twice in one ranking counts at its first position only.
 */
export function aggregateRankings(rankings: { ranked: string[] }[], models: string[]): AggregateEntry[] {
  const totals = new Map<string, { sum: number; votes: number }>();
  for (const model of models) totals.set(model, { sum: 0, votes: 0 });

  for (const { ranked } of rankings) {
    const seen = new Set<string>();
    ranked.forEach((model, index) => {
      const total = totals.get(model);
      if (!total || seen.has(model)) return;
      seen.add(model);
      // Sums of integers stay exact, so the average is independent of the arrival order.
      total.sum += index + 1;
      total.votes += 1;
    });
  }

  const entries = [...totals].map(([model, { sum, votes }]) => ({
    model,
    averageRank: votes === 0 ? null : sum / votes,
    votes,
  }));
  return entries.sort(compareEntries);
}

function compareEntries(a: AggregateEntry, b: AggregateEntry): number {
  if (a.averageRank !== b.averageRank) {
    if (a.averageRank === null) return 1;
    if (b.averageRank === null) return -1;
    return a.averageRank - b.averageRank;
  }
  if (a.votes !== b.votes) return b.votes - a.votes;
  return a.model < b.model ? -1 : a.model > b.model ? 1 : 0;
}
