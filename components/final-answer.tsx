import type { RunState } from '@/lib/client/run-state';
import { MarkdownText } from './markdown-text';

/** The council's answer, first in the turn: streamed from the chairman, then the final text. */
export function FinalAnswer({ run }: { run: RunState }) {
  const waiting = run.status === 'running' || run.status === 'idle';
  return (
    <section aria-label="Final answer" data-testid="final-answer" data-status={run.status}>
      {run.degraded && run.status === 'completed' && (
        <p className="mb-2 rounded bg-amber-100 px-2 py-1 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Degraded: too few members answered for a full council, so this answer was not ranked or synthesised.
        </p>
      )}
      {run.finalText ? (
        <div className="text-[15px] leading-relaxed">
          <MarkdownText text={run.finalText} />
        </div>
      ) : (
        waiting && <p className="text-sm text-neutral-600 dark:text-neutral-400">{run.currentStage === 3 ? 'The chairman is writing…' : 'The final answer comes after the answers and rankings.'}</p>
      )}
      {run.finalModel && run.finalText && (
        <p className="mt-1 text-xs text-neutral-600 dark:text-neutral-400">Synthesised by {run.finalModel}</p>
      )}
    </section>
  );
}
