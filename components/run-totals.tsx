import { formatCost, formatCount, formatMs } from '@/lib/client/format';
import type { RunState } from '@/lib/client/run-state';
import { STAGES } from '@/lib/client/run-state-helpers';

/** Wall time, tokens and cost: from run.completed's totals, or summed from the members while running. */
export function RunTotals({ run }: { run: RunState }) {
  const members = STAGES.flatMap((s) => Object.values(run.stages[s].members));
  const tokens = run.totals?.tokens ?? {
    input: members.reduce((n, m) => n + (m.usage?.input ?? 0), 0),
    output: members.reduce((n, m) => n + (m.usage?.output ?? 0), 0),
  };
  const cost = run.totals?.costUsd ?? members.reduce((n, m) => n + (m.costUsd ?? 0), 0);
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
