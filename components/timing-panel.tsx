import { formatMs } from '@/lib/client/format';
import type { RunState } from '@/lib/client/run-state';
import { STAGES } from '@/lib/client/run-state-helpers';
import { buildWaterfall, percentOf } from '@/lib/client/waterfall';
import { RunTotals } from './run-totals';
import { WaterfallBar } from './waterfall-bar';

const STAGE_NAMES = { 1: 'Answers', 2: 'Rankings', 3: 'Synthesis' } as const;

/** The waterfall: one bar per member per stage on the run's time axis, stage starts and the early transition marked. */
export function TimingPanel({ run }: { run: RunState }) {
  const waterfall = buildWaterfall(run);
  return (
    <div className="space-y-3">
      <RunTotals run={run} />
      <div className="relative" data-testid="waterfall">
        {/* Markers span the bar column only (the first column holds model names). */}
        <div className="pointer-events-none absolute inset-y-0 right-0 left-[calc(7rem+0.5rem)] sm:left-[calc(10rem+0.5rem)]" aria-hidden="true">
          {waterfall.markers.map((m) => (
            <span
              key={`${m.kind}-${m.label}`}
              data-testid={m.kind === 'early-transition' ? 'early-transition-mark' : 'stage-mark'}
              className={`absolute inset-y-0 border-l ${m.kind === 'early-transition' ? 'border-purple-600 border-solid' : 'border-neutral-400 border-dashed'}`}
              style={{ left: `${percentOf(m.atMs, waterfall.spanMs)}%` }}
              title={`${m.label} at ${formatMs(m.atMs)}`}
            />
          ))}
        </div>
        {STAGES.map((stage) => {
          const bars = waterfall.bars.filter((b) => b.stage === stage);
          if (bars.length === 0) return null;
          return (
            <section key={stage} aria-label={`Stage ${stage}: ${STAGE_NAMES[stage]}`} className="mb-2">
              <h2 className="text-xs font-medium text-neutral-600 dark:text-neutral-400">
                Stage {stage} · {STAGE_NAMES[stage]} · from {formatMs(run.stages[stage].startMs)}
              </h2>
              <ul className="space-y-0.5">
                {bars.map((bar) => <WaterfallBar key={bar.key} bar={bar} spanMs={waterfall.spanMs} />)}
              </ul>
            </section>
          );
        })}
        <div className="grid grid-cols-[7rem_1fr] gap-2 text-[11px] text-neutral-600 dark:text-neutral-400 tabular-nums sm:grid-cols-[10rem_1fr]" aria-hidden="true">
          <span />
          <span className="flex justify-between"><span>0</span><span>{formatMs(waterfall.spanMs)}</span></span>
        </div>
      </div>
      <p className="text-xs text-neutral-600 dark:text-neutral-400">
        Pale amber: queued for an in-flight slot or the rate limiter; light: waiting for the first token; solid: streaming. Amber ticks: retries; orange end: cut as a straggler;
        red end: failed; dashed lines: stage starts
        {run.earlyTransitionMs !== null ? `; purple line: quorum reached at ${formatMs(run.earlyTransitionMs)}, stage 3 started early` : ''}.
      </p>
    </div>
  );
}
