import { describeDegraded, describeFinalSource } from '@/lib/client/describe-degraded';
import type { RunState } from '@/lib/client/run-state';
import { MarkdownText } from './markdown-text';

/** The council's answer, first in the turn: streamed from the chairman, then the final text. */
export function FinalAnswer({ run }: { run: RunState }) {
  const waiting = run.status === 'running' || run.status === 'idle';
  const degraded = describeDegraded(run);
  const source = describeFinalSource(run);
  return (
    <section aria-label="Final answer" data-testid="final-answer" data-status={run.status}>
      {degraded && (
        <p data-testid="degraded-banner" className="mb-2 rounded bg-amber-100 px-2 py-1 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Degraded: {degraded}
        </p>
      )}
      {run.finalText ? (
        <div className="text-[15px] leading-relaxed">
          <MarkdownText text={run.finalText} />
        </div>
      ) : (
        waiting && <p className="text-sm text-neutral-600 dark:text-neutral-400">{waitingText(run)}</p>
      )}
      {source && run.finalText && (
        <p data-testid="final-source" className="mt-1 text-xs text-neutral-600 dark:text-neutral-400">{source}</p>
      )}
    </section>
  );
}

function waitingText(run: RunState): string {
  if (run.currentStage === 3) return 'The chairman is writing…';
  if (run.mode === 'answers') return 'The longest answer is shown once the members have answered.';
  if (run.mode === 'ranked') return 'The top-ranked answer is shown once the rankings are in.';
  return 'The final answer comes after the answers and rankings.';
}
