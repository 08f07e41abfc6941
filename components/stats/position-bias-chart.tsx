import type { JudgeStats } from '@/lib/stats/compute-stats';
import { CHART_WIDTH, LABEL_WIDTH, PLOT_WIDTH, ROW, TOP, percent, shortLabel, xOf } from './chart-scale';

/**
 * Position bias per judge: the share of its rankings that put the answer shown first as best (dot), its 95%
 * interval (line) and what an unbiased judge would get, 1/n (dashed tick). An interval clear of the tick means
 * the bias is unlikely to be chance.
 */
export function PositionBiasChart({ judges }: { judges: JudgeStats[] }) {
  if (judges.length === 0) return <p className="text-sm text-neutral-700 dark:text-neutral-300">No valid rankings in this period.</p>;
  const height = TOP + judges.length * ROW + 8;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <svg
      role="img"
      aria-labelledby="bias-chart-title bias-chart-desc"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      className="h-auto w-full max-w-2xl"
      data-testid="position-bias-chart"
    >
      <title id="bias-chart-title">Position bias per judge</title>
      <desc id="bias-chart-desc">
        {`Share of each judge's rankings that put the answer shown first as best, with its 95% interval, against the 1/n an unbiased judge would give. ${judges
          .map((j) => `${j.judge}: ${percent(j.firstShownBest)} (95% ${percent(j.ci95[0])} to ${percent(j.ci95[1])}), expected ${percent(j.expected)}`)
          .join('; ')}.`}
      </desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={xOf(tick, 1)} x2={xOf(tick, 1)} y1={TOP - 6} y2={height - 8} className="stroke-neutral-300 dark:stroke-neutral-700" />
          <text x={xOf(tick, 1)} y={TOP - 10} textAnchor="middle" className="fill-neutral-700 text-[11px] dark:fill-neutral-300">
            {percent(tick)}
          </text>
        </g>
      ))}
      {judges.map((j, i) => {
        const mid = TOP + i * ROW + ROW / 2;
        return (
          <g key={j.judge} data-testid="bias-row">
            <title>{`${j.judge}: ${percent(j.firstShownBest)} first-shown best, expected ${percent(j.expected)}`}</title>
            <text x={LABEL_WIDTH - 8} y={mid + 4} textAnchor="end" className="fill-neutral-900 text-[12px] dark:fill-neutral-100">
              {shortLabel(j.judge)}
            </text>
            <line x1={xOf(j.ci95[0], 1)} x2={xOf(j.ci95[1], 1)} y1={mid} y2={mid} strokeWidth={3} className="stroke-blue-600 dark:stroke-blue-400" />
            <line
              x1={xOf(j.expected, 1)}
              x2={xOf(j.expected, 1)}
              y1={mid - 10}
              y2={mid + 10}
              strokeWidth={2}
              strokeDasharray="3 2"
              className="stroke-amber-700 dark:stroke-amber-300"
              data-testid="expected-mark"
            />
            <circle cx={xOf(j.firstShownBest, 1)} cy={mid} r={5} className="fill-blue-700 dark:fill-blue-300" />
            <text x={LABEL_WIDTH + PLOT_WIDTH + 8} y={mid + 4} className="fill-neutral-900 text-[12px] tabular-nums dark:fill-neutral-100">
              {percent(j.firstShownBest)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
