import { formatCost, formatCount, formatMs } from '@/lib/client/format';
import type { JudgeStats, ModelStats } from '@/lib/stats/compute-stats';
import { percent } from './chart-scale';

const TABLE = 'w-full min-w-[36rem] border-collapse text-left text-sm';
const TH = 'border-b border-neutral-300 px-2 py-1.5 font-semibold dark:border-neutral-700';
const TD = 'border-b border-neutral-200 px-2 py-1.5 tabular-nums dark:border-neutral-800';

function failuresText(failures: Record<string, number>): string {
  const entries = Object.entries(failures).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? 'none' : entries.map(([reason, n]) => `${reason} ${n}`).join(', ');
}

/** Every per-model figure; also the text alternative of the average-rank chart. */
export function ModelTable({ models }: { models: ModelStats[] }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Models, as a table">
      <table className={TABLE} data-testid="model-table">
        <caption className="sr-only">Per model: answers, first places, average rank, failures, timing and cost</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>Model</th>
            <th scope="col" className={TH}>Answers</th>
            <th scope="col" className={TH}>First places</th>
            <th scope="col" className={TH}>Average rank</th>
            <th scope="col" className={TH}>Failures</th>
            <th scope="col" className={TH}>First token p50 / p95</th>
            <th scope="col" className={TH}>Duration p50 / p95</th>
            <th scope="col" className={TH}>Cost per answer</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.model}>
              <th scope="row" className={`${TD} whitespace-nowrap font-medium`}>{m.model}</th>
              <td className={TD}>{formatCount(m.answers)}</td>
              <td className={TD}>{formatCount(m.firstPlaces)}</td>
              <td className={TD}>{m.averageRank === null ? '–' : m.averageRank.toFixed(2)}</td>
              <td className={TD}>{failuresText(m.failures)}</td>
              <td className={TD}>{`${formatMs(m.ttftMs.p50)} / ${formatMs(m.ttftMs.p95)}`}</td>
              <td className={TD}>{`${formatMs(m.durationMs.p50)} / ${formatMs(m.durationMs.p95)}`}</td>
              <td className={TD}>{formatCost(m.costPerAnswerUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every per-judge figure; also the text alternative of the position-bias chart. */
export function JudgeTable({ judges }: { judges: JudgeStats[] }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Judges, as a table">
      <table className={TABLE} data-testid="judge-table">
        <caption className="sr-only">Per judge: position bias with its 95% interval against 1/n, and self-preference</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>Judge</th>
            <th scope="col" className={TH}>Valid rankings</th>
            <th scope="col" className={TH}>First shown ranked best</th>
            <th scope="col" className={TH}>Expected (1/n)</th>
            <th scope="col" className={TH}>95% interval</th>
            <th scope="col" className={TH}>Own answer ranked best</th>
          </tr>
        </thead>
        <tbody>
          {judges.map((j) => (
            <tr key={j.judge}>
              <th scope="row" className={`${TD} whitespace-nowrap font-medium`}>{j.judge}</th>
              <td className={TD}>{formatCount(j.rankings)}</td>
              <td className={TD}>{percent(j.firstShownBest)}</td>
              <td className={TD}>{percent(j.expected)}</td>
              <td className={TD}>{`${percent(j.ci95[0])} – ${percent(j.ci95[1])}`}</td>
              <td className={TD}>
                {j.selfPreference
                  ? `${percent(j.selfPreference.share)} of ${formatCount(j.selfPreference.rankings)} (expected ${percent(j.selfPreference.expected)})`
                  : 'never saw its own'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
