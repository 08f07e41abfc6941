import type { RunState } from '@/lib/client/run-state';
import { MemberSpend } from './member-spend';
import { StatusBadge } from './status-badge';

/**
 * Judges with no parsed ranking yet: still ranking — their critique shown as it streams — or failed (with the
 * reason). Once a ranking is parsed, the judge moves to the rankings list with its critique.
 */
export function PendingJudges({ run }: { run: RunState }) {
  const stage = run.stages[2];
  const ranked = new Set(run.rankings.map((r) => r.judge));
  const pending = stage.models.filter((m) => !ranked.has(m) && stage.members[m]);
  if (pending.length === 0) return null;
  return (
    <ul aria-label="Judges without a ranking" className="space-y-2 text-sm">
      {pending.map((model) => {
        const member = stage.members[model];
        return (
          <li key={model} data-testid="pending-judge" data-judge={model} className="space-y-1">
            <div className="flex flex-wrap items-center gap-2">
              <span>{model}</span>
              <StatusBadge member={member} />
              <MemberSpend member={member} run={run} />
            </div>
            {member.text && member.status !== 'failed' && member.status !== 'cut' && (
              <p
                data-testid="streaming-critique"
                aria-label={`Critique from ${model}, streaming`}
                className="max-h-40 overflow-y-auto rounded bg-neutral-50 px-2 py-1 whitespace-pre-wrap text-neutral-700 dark:bg-neutral-900 dark:text-neutral-300"
              >
                {member.text}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
