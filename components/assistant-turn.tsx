'use client';
import type { ChatTurn } from '@/lib/client/chat-turn';
import { AnswersPanel } from './answers-panel';
import { FinalAnswer } from './final-answer';
import { RankingsPanel } from './rankings-panel';
import { RunStatusLine } from './run-status-line';
import { StreamErrorNotice } from './stream-error-notice';
import { Tabs } from './tabs';
import { TimingPanel } from './timing-panel';
import { WarningsList } from './warnings-list';

/** The council's side of a turn: the final answer first, then the answers, rankings and timing behind tabs. */
export function AssistantTurn({ turn, onRetry, canRetry }: { turn: ChatTurn; onRetry: () => void; canRetry: boolean }) {
  const { run } = turn;
  return (
    <article data-testid="assistant-turn" data-status={run.status} aria-label="Council answer" className="space-y-3 rounded-lg border border-neutral-200 p-3 sm:p-4 dark:border-neutral-800">
      <RunStatusLine run={run} />
      {turn.reconnecting && (
        <p role="status" data-testid="reconnecting" className="text-xs font-medium text-amber-700 dark:text-amber-300">
          Connection lost: reconnecting…
        </p>
      )}
      <FinalAnswer run={run} />
      {run.end && run.status === 'failed' && (
        <div className="text-sm text-red-700 dark:text-red-300" data-testid="run-failure">
          <p>{run.end.message}</p>
          {run.end.failures.length > 0 && (
            <ul className="list-disc pl-5">
              {run.end.failures.map((f) => <li key={f.model}>{f.model}: {f.reason}</li>)}
            </ul>
          )}
        </div>
      )}
      {turn.error && <StreamErrorNotice message={turn.error} onRetry={onRetry} canRetry={canRetry} />}
      <WarningsList warnings={run.warnings} />
      <Tabs
        label="Council details"
        items={[
          { id: 'answers', label: 'Answers', content: () => <AnswersPanel run={run} /> },
          { id: 'rankings', label: 'Rankings', content: () => <RankingsPanel run={run} /> },
          { id: 'timing', label: 'Timing', content: () => <TimingPanel run={run} /> },
        ]}
      />
    </article>
  );
}
