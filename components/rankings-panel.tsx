import type { RunState } from '@/lib/client/run-state';
import { AggregateTable } from './aggregate-table';
import { JudgeRanking } from './judge-ranking';
import { PendingJudges } from './pending-judges';

/** Stage 2: each judge's ranking and validity, the aggregate, and what the chairman saw. */
export function RankingsPanel({ run }: { run: RunState }) {
  if (run.rankings.length === 0 && !run.aggregate) {
    return (
      <div className="space-y-2">
        <p className="text-sm text-neutral-600 dark:text-neutral-400">{run.currentStage >= 2 ? 'The judges are ranking…' : 'Rankings come after the answers.'}</p>
        <PendingJudges run={run} />
      </div>
    );
  }
  const late = run.rankings.filter((r) => r.late).map((r) => r.judge);
  return (
    <div className="space-y-4">
      {run.aggregate && <AggregateTable entries={run.aggregate} caption="Aggregate (what the chairman saw)" />}
      {run.lateAggregate && <AggregateTable entries={run.lateAggregate} caption="Aggregate including late rankings" />}
      <p className="text-sm text-neutral-600 dark:text-neutral-400" data-testid="chairman-saw">
        The chairman saw {run.chairmanSaw.length > 0 ? run.chairmanSaw.join(', ') : 'no rankings'}
        {late.length > 0 ? `; late: ${late.join(', ')}.` : '.'}
      </p>
      <PendingJudges run={run} />
      <ul className="space-y-2" aria-label="Rankings by judge">
        {run.rankings.map((ranking) => (
          <JudgeRanking
            key={ranking.judge}
            ranking={ranking}
            sawByChairman={run.chairmanSaw.includes(ranking.judge)}
            member={run.stages[2].members[ranking.judge]}
            run={run}
          />
        ))}
      </ul>
    </div>
  );
}
