import type { WarningState } from '@/lib/client/run-state';

/** The engine's warnings for this run (degraded council, a slow stage, a chairman fallback, …). */
export function WarningsList({ warnings }: { warnings: WarningState[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul aria-label="Warnings" className="space-y-1 text-sm">
      {warnings.map((w, i) => (
        <li key={`${w.code}-${i}`} data-testid="run-warning" className="rounded bg-amber-50 px-2 py-1 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {w.message}
        </li>
      ))}
    </ul>
  );
}
