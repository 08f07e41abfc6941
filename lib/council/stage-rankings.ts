import { aggregateRankings } from './aggregate-rankings';
import type { AggregateEntry } from './events';
import { planJudges, type JudgePlan } from './judge-plan';
import { startMemberCall, type MemberCall, type MemberOutcome } from './member-call';
import { parseRanking } from './parse-ranking';
import { quorumSize } from './quorum-rule';
import type { RunContext } from './run-context';
import type { Answer } from './stage-answers';

/** One judge's ranking as the chairman and the UI see it. */
export interface JudgeRanking {
  judge: string;
  labels: Record<string, string>;
  ranked: string[];
  valid: boolean;
  critique: string;
}

export interface RankingsResult {
  transition: 'all' | 'quorum';
  /** Rankings in before the transition: the ones the chairman sees. */
  rankings: JudgeRanking[];
  aggregate: AggregateEntry[];
}

/**
 * Stage 2: every surviving member ranks the others' anonymised answers. Resolves on the tick the
 * quorum of valid rankings is in (or when every judge is done). Judges still running then either
 * go on — their rankings are marked late and re-aggregated — or are cancelled, as the policy says.
 */
export function runRankingStage(ctx: RunContext, answers: Answer[]): Promise<RankingsResult> {
  const { policy } = ctx.input;
  const startedAt = ctx.elapsed();
  const plans = planJudges(ctx.input, answers, ctx.deps.random);
  const models = answers.map((answer) => answer.model);
  const need = quorumSize(policy.quorum, plans.length);
  ctx.emit({ type: 'stage.started', stage: 2, models: plans.map((plan) => plan.judge) });

  const calls: MemberCall[] = plans.map((plan) =>
    startMemberCall(ctx, {
      stage: 2,
      model: plan.judge,
      messages: plan.messages,
      maxTokens: policy.maxTokens.ranking,
      deadlineMs: policy.deadlinesMs.ranking,
    }),
  );

  const rankings: JudgeRanking[] = [];
  const succeeded: string[] = [];
  const failed: string[] = [];
  let settledCount = 0;
  let result: RankingsResult | null = null;

  const aggregateOf = (list: JudgeRanking[]): AggregateEntry[] =>
    aggregateRankings(list.filter((r) => r.valid).map((r) => ({ ranked: r.ranked })), models);

  return new Promise((resolve, reject) => {
    const transition = (): void => {
      const kind = settledCount === plans.length ? 'all' : 'quorum';
      const aggregate = aggregateOf(rankings);
      ctx.emit({ type: 'ranking.aggregate', entries: aggregate, late: false });
      if (!rankings.some((r) => r.valid)) {
        ctx.emit({
          type: 'warning',
          code: 'no_valid_rankings',
          message:
            ctx.input.mode === 'ranked'
              ? 'No judge returned a valid ranking; the first answer to arrive is shown.'
              : 'No judge returned a valid ranking; the chairman works from the answers alone.',
          stage: 2,
        });
      }
      const durationMs = ctx.elapsed() - startedAt;
      ctx.totals.stages.push({ stage: 2, durationMs });
      ctx.emit({ type: 'stage.completed', stage: 2, durationMs, succeeded: [...succeeded], failed: [...failed], transition: kind });
      result = { transition: kind, rankings: [...rankings], aggregate };
      if (kind === 'quorum' && policy.lateRankings === 'cancel') {
        for (const call of calls) call.cut('cancelled', 'Not needed: the quorum of rankings was in.');
      }
      resolve(result);
    };

    const onOutcome = (plan: JudgePlan, outcome: MemberOutcome): void => {
      settledCount += 1;
      if (ctx.signal.aborted) {
        // The run is being cancelled: no transition, no aggregate; the orchestrator ends the run.
        result ??= { transition: 'all', rankings: [...rankings], aggregate: [] };
        resolve(result);
        return;
      }
      const late = result !== null;
      if (outcome.ok) {
        if (!late) succeeded.push(plan.judge);
        const ranking = judgeRanking(plan, outcome.text);
        rankings.push(ranking);
        ctx.emit({ type: 'ranking.parsed', ...ranking.event, late });
        if (late && ranking.valid) ctx.emit({ type: 'ranking.aggregate', entries: aggregateOf(rankings), late: true });
      } else if (!late) {
        failed.push(plan.judge);
      }
      if (late) return;
      const valid = rankings.filter((r) => r.valid).length;
      if (valid >= need || settledCount === plans.length) transition();
    };

    // A throw in here (a bug) must fail the run, not leave it waiting forever.
    calls.forEach((call, index) => void call.outcome.then((outcome) => onOutcome(plans[index], outcome)).catch(reject));
    if (plans.length === 0) transition();
  });
}

function judgeRanking(plan: JudgePlan, text: string): JudgeRanking & { event: RankingEventFields } {
  const parsed = parseRanking(text, Object.keys(plan.labels));
  const ranked = parsed.order.map((label) => plan.labels[label]).filter((model): model is string => !!model);
  const event: RankingEventFields = {
    judge: plan.judge,
    labels: plan.labels,
    order: parsed.order,
    ranked,
    valid: parsed.valid,
    critique: parsed.critique,
    ...(parsed.problems.length > 0 ? { problems: parsed.problems } : {}),
  };
  return { judge: plan.judge, labels: plan.labels, ranked, valid: parsed.valid, critique: parsed.critique, event };
}

interface RankingEventFields {
  judge: string;
  labels: Record<string, string>;
  order: string[];
  ranked: string[];
  valid: boolean;
  critique: string;
  problems?: string[];
}
