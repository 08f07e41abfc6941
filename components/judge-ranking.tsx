import type { MemberStageState, RankingState, RunState } from '@/lib/client/run-state';
import { Flag } from './flag';
import { MemberSpend } from './member-spend';

/** One judge's ranking: the order it wrote (labels and the models behind them), validity and timing. */
export function JudgeRanking({
  ranking,
  sawByChairman,
  member,
  run,
}: {
  ranking: RankingState;
  sawByChairman: boolean;
  /** The judge's stage-2 call, for its tokens and cost. */
  member?: MemberStageState;
  run: Pick<RunState, 'pricing'>;
}) {
  return (
    <li data-testid="judge-ranking" data-judge={ranking.judge} className="rounded border border-neutral-200 p-3 dark:border-neutral-800">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{ranking.judge}</span>
        <Flag tone={ranking.valid ? 'good' : 'bad'}>{ranking.valid ? 'valid' : 'invalid'}</Flag>
        {ranking.late ? <Flag tone="warn">late: the chairman did not see it</Flag> : sawByChairman && <Flag tone="neutral">seen by the chairman</Flag>}
        {member && <MemberSpend member={member} run={run} />}
      </div>
      <ol className="mt-2 list-decimal pl-6 text-sm">
        {ranking.order.map((label, i) => (
          <li key={`${label}-${i}`}>
            Response {label}
            <span className="text-neutral-600 dark:text-neutral-400"> — {ranking.labels[label] ?? 'unknown label'}</span>
          </li>
        ))}
      </ol>
      {ranking.problems.length > 0 && (
        <ul className="mt-2 text-sm text-red-700 dark:text-red-300" aria-label="Problems with this ranking">
          {ranking.problems.map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
      {ranking.critique && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-neutral-600 dark:text-neutral-400">Critique</summary>
          <p className="mt-1 whitespace-pre-wrap">{ranking.critique}</p>
        </details>
      )}
    </li>
  );
}
