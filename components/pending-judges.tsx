import type { RunState } from '@/lib/client/run-state';
import { StatusBadge } from './status-badge';

/** Judges with no parsed ranking yet: still ranking, or failed (with the reason). */
export function PendingJudges({ run }: { run: RunState }) {
  const stage = run.stages[2];
  const ranked = new Set(run.rankings.map((r) => r.judge));
  const pending = stage.models.filter((m) => !ranked.has(m) && stage.members[m]);
  if (pending.length === 0) return null;
  return (
    <ul aria-label="Judges without a ranking" className="space-y-1 text-sm">
      {pending.map((model) => (
        <li key={model} data-testid="pending-judge" className="flex flex-wrap items-center gap-2">
          <span>{model}</span>
          <StatusBadge member={stage.members[model]} />
        </li>
      ))}
    </ul>
  );
}
