import { describeProgress } from '@/lib/client/describe-progress';
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
  return (
    <p data-testid="turn-status" data-status={run.status} className={`text-xs font-medium ${TONE[run.status]}`}>
      {run.tier && <span className="text-neutral-600 dark:text-neutral-400">{run.tier} · </span>}
      {describeProgress(run)}
    </p>
  );
}
