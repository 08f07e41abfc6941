'use client';
import { useEffect, useState } from 'react';
import type { StatsResponse } from '@/lib/stats/compute-stats';
import { AverageRankChart } from './average-rank-chart';
import { PositionBiasChart } from './position-bias-chart';
import { JudgeTable, ModelTable } from './stats-tables';

const PERIODS = [
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last year' },
  { days: 3650, label: 'Everything' },
];

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; stats: StatsResponse };

/** /stats: who is good — per model and per judge, over a chosen period, as charts and tables. */
export function StatsView() {
  const [days, setDays] = useState(30);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ kind: 'loading' });
    fetch(`/api/stats?days=${days}`, { signal: controller.signal })
      .then(async (response) => {
        const body = await response.json();
        if (!response.ok) throw new Error(typeof body?.error === 'string' ? body.error : `HTTP ${response.status}`);
        setLoad({ kind: 'ready', stats: body as StatsResponse });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [days]);

  return (
    <div className="mx-auto max-w-4xl px-3 sm:px-6">
      <header className="flex flex-wrap items-center justify-between gap-3 py-4">
        <h1 className="text-xl font-semibold">Quorum stats</h1>
        <nav aria-label="Pages">
          <a href="/" className="text-sm text-blue-700 underline dark:text-blue-300">Back to the council</a>
        </nav>
      </header>
      <main className="space-y-8 pb-10" aria-busy={load.kind === 'loading'}>
        <div>
          <label htmlFor="stats-period" className="mr-2 text-sm font-medium">Period</label>
          <select
            id="stats-period"
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
            className="rounded-md border border-neutral-400 bg-white px-2 py-1 text-sm dark:border-neutral-600 dark:bg-neutral-900"
          >
            {PERIODS.map((p) => (
              <option key={p.days} value={p.days}>{p.label}</option>
            ))}
          </select>
        </div>
        {load.kind === 'loading' && <p role="status" className="text-sm text-neutral-700 dark:text-neutral-300">Loading…</p>}
        {load.kind === 'error' && <p role="alert" className="text-sm text-red-700 dark:text-red-300">{load.message}</p>}
        {load.kind === 'ready' && <StatsSections stats={load.stats} />}
      </main>
    </div>
  );
}

function StatsSections({ stats }: { stats: StatsResponse }) {
  if (stats.models.length === 0 && stats.judges.length === 0) {
    return <p className="text-sm text-neutral-700 dark:text-neutral-300" data-testid="stats-empty">No council runs in this period yet. Ask the council something and come back.</p>;
  }
  return (
    <>
      <section aria-labelledby="models-heading" className="space-y-3">
        <h2 id="models-heading" className="text-lg font-semibold">Models</h2>
        <p className="text-sm text-neutral-700 dark:text-neutral-300">
          Stage-1 answers of the runs started since {new Date(stats.since).toLocaleDateString('en')}. First places and average rank come
          from each run&rsquo;s final aggregate ranking (1 is best).
        </p>
        <AverageRankChart models={stats.models} />
        <ModelTable models={stats.models} />
      </section>
      <section aria-labelledby="judges-heading" className="space-y-3">
        <h2 id="judges-heading" className="text-lg font-semibold">Judges</h2>
        <p className="text-sm text-neutral-700 dark:text-neutral-300">
          Position bias: how often a judge ranked the answer it was shown first as the best, against the 1/n an unbiased judge would give
          (dashed mark), with a 95% Wilson interval. Self-preference counts only rankings in which the judge saw its own answer.
        </p>
        <PositionBiasChart judges={stats.judges} />
        <JudgeTable judges={stats.judges} />
      </section>
    </>
  );
}
