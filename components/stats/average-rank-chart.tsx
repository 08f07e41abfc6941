import type { ModelStats } from '@/lib/stats/compute-stats';
import { CHART_WIDTH, LABEL_WIDTH, PLOT_WIDTH, ROW, TOP, shortLabel, xOf } from './chart-scale';

/**
 * Average rank per model as horizontal bars (shorter is better: 1 is first place), drawn as plain SVG with a
 * title and description for screen readers; the table beside it holds the same figures.
 */
export function AverageRankChart({ models }: { models: ModelStats[] }) {
  const ranked = models.filter((m) => m.averageRank !== null);
  if (ranked.length === 0) return <p className="text-sm text-neutral-700 dark:text-neutral-300">No ranked answers in this period.</p>;
  const max = Math.max(2, Math.ceil(Math.max(...ranked.map((m) => m.averageRank ?? 0))));
  const height = TOP + ranked.length * ROW + 8;
  const ticks = Array.from({ length: max }, (_, i) => i + 1);
  return (
    <svg
      role="img"
      aria-labelledby="rank-chart-title rank-chart-desc"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      className="h-auto w-full max-w-2xl"
      data-testid="average-rank-chart"
    >
      <title id="rank-chart-title">Average rank per model</title>
      <desc id="rank-chart-desc">
        {`Shorter bars are better; 1 means ranked first by every judge. ${ranked.map((m) => `${m.model}: ${m.averageRank?.toFixed(2)}`).join('; ')}.`}
      </desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={xOf(tick, max)} x2={xOf(tick, max)} y1={TOP - 6} y2={height - 8} className="stroke-neutral-300 dark:stroke-neutral-700" />
          <text x={xOf(tick, max)} y={TOP - 10} textAnchor="middle" className="fill-neutral-700 text-[11px] dark:fill-neutral-300">
            {tick}
          </text>
        </g>
      ))}
      {ranked.map((m, i) => {
        const y = TOP + i * ROW;
        return (
          <g key={m.model}>
            <title>{`${m.model}: average rank ${m.averageRank?.toFixed(2)}`}</title>
            <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + 4} textAnchor="end" className="fill-neutral-900 text-[12px] dark:fill-neutral-100">
              {shortLabel(m.model)}
            </text>
            <rect
              x={LABEL_WIDTH}
              y={y + 5}
              width={Math.max(1, xOf(m.averageRank ?? 0, max) - LABEL_WIDTH)}
              height={ROW - 10}
              rx={3}
              className="fill-blue-600 dark:fill-blue-400"
            />
            <text x={LABEL_WIDTH + PLOT_WIDTH + 8} y={y + ROW / 2 + 4} className="fill-neutral-900 text-[12px] tabular-nums dark:fill-neutral-100">
              {m.averageRank?.toFixed(2)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
