import { describeProgress } from '@/lib/client/describe-progress';
import { formatCost, formatCount } from '@/lib/client/format';
import { runSpend } from '@/lib/client/live-cost';
import type { RunState } from '@/lib/client/run-state';

const TONE: Record<RunState['status'], string> = {
  idle: 'text-neutral-600 dark:text-neutral-400',
  running: 'text-blue-700 dark:text-blue-300',
  completed: 'text-green-700 dark:text-green-300',
  failed: 'text-red-700 dark:text-red-300',
  cancelled: 'text-neutral-600 dark:text-neutral-400',
};

/** Where the run is: the stage in progress, or how it ended. */
export function RunStatusLine({ run }: { run: RunState }) {
  const spend = runSpend(run);
  const tokens = spend.tokens.input + spend.tokens.output;
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
      <p data-testid="turn-status" data-status={run.status} className={`text-xs font-medium ${TONE[run.status]}`}>
        {run.tier && <span className="text-neutral-600 dark:text-neutral-400">{run.tier}{run.mode !== 'full' ? ` (${run.mode})` : ''} · </span>}
        {describeProgress(run)}
      </p>
      {run.status !== 'idle' && (
        <p
          data-testid="run-cost"
          data-estimated={spend.estimated}
          data-tokens={tokens}
          data-cost-usd={spend.costUsd}
          title={`${formatCount(spend.tokens.input)} tokens in, ${formatCount(spend.tokens.output)} out${spend.estimated ? ' (estimated while calls stream: ~4 characters a token)' : ''}`}
          className="text-xs text-neutral-600 tabular-nums dark:text-neutral-400"
        >
          <span className="sr-only">Run so far: </span>
          {spend.estimated ? '≈ ' : ''}
          {formatCount(tokens)} tokens · {formatCost(spend.costUsd)}
        </p>
      )}
    </div>
  );
}
