import { formatCost, formatCount, formatMs } from '@/lib/client/format';
import { runSpend } from '@/lib/client/live-cost';
import type { RunState } from '@/lib/client/run-state';

/**
 * Wall time, tokens and cost: from run.completed's totals, or, while it runs (and for a run that failed or was
 * cancelled), the live figure: exact for every attempt that ended, estimated for those still streaming.
 */
export function RunTotals({ run }: { run: RunState }) {
  const live = runSpend(run);
  const tokens = run.totals?.tokens ?? live.tokens;
  const cost = run.totals?.costUsd ?? live.costUsd;
  return (
    <dl data-testid="run-totals" className="grid grid-cols-3 gap-2 text-sm">
      <Total term="Wall time" value={formatMs(run.totals?.durationMs ?? run.elapsedMs)} />
      <Total term="Tokens" value={`${formatCount(tokens.input)} in · ${formatCount(tokens.output)} out`} />
      <Total term="Cost" value={formatCost(cost)} />
    </dl>
  );
}

function Total({ term, value }: { term: string; value: string }) {
  return (
    <div className="rounded bg-neutral-100 px-2 py-1 dark:bg-neutral-900">
      <dt className="text-xs text-neutral-600 dark:text-neutral-400">{term}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}
