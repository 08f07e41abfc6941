import { startMemberCall, type MemberCall, type MemberOutcome } from './member-call';
import { answerMessages } from './prompts';
import { withInstructions } from './with-instructions';
import type { RunContext } from './run-context';
import { stragglerGraceMs, stragglerThreshold } from './straggler-rule';

export type Answer = Extract<MemberOutcome, { ok: true }>;
export type Failure = Extract<MemberOutcome, { ok: false }>;

export interface AnswersResult {
  /** Successful answers, in the order they arrived. */
  answers: Answer[];
  failures: Failure[];
}

/**
 * Stage 1: every member answers in parallel. Once enough have answered, a straggler clock starts;
 * when it runs out, whoever is still going is cut with reason `straggler`.
 */
export async function runAnswerStage(ctx: RunContext): Promise<AnswersResult> {
  const { input } = ctx;
  const startedAt = ctx.elapsed();
  ctx.emit({ type: 'stage.started', stage: 1, models: [...input.members] });
  const messages = withInstructions(answerMessages(input.question, input.history ?? []), input.instructions);
  const calls: MemberCall[] = input.members.map((model) =>
    startMemberCall(ctx, {
      stage: 1,
      model,
      messages,
      maxTokens: input.policy.maxTokens.answer,
      deadlineMs: input.policy.deadlinesMs.answer,
    }),
  );

  const answers: Answer[] = [];
  const failures: Failure[] = [];
  let cancelStragglerTimer: (() => void) | null = null;
  const threshold = stragglerThreshold(calls.length);

  const onOutcome = (outcome: MemberOutcome): void => {
    if (outcome.ok) answers.push(outcome);
    else failures.push(outcome);
    const pending = calls.filter((call) => !call.done);
    if (cancelStragglerTimer || answers.length < threshold || pending.length === 0) return;
    const graceMs = stragglerGraceMs(
      answers.map((a) => a.timing.endMs - a.timing.startMs),
      input.policy.straggler,
    );
    cancelStragglerTimer = ctx.clock.setTimer(() => {
      for (const call of calls) {
        call.cut('straggler', `Cut ${Math.round(graceMs)} ms after ${threshold} members had answered.`);
      }
    }, graceMs);
  };

  await Promise.all(calls.map((call) => call.outcome.then(onOutcome)));
  (cancelStragglerTimer as (() => void) | null)?.();

  if (ctx.signal.aborted) return { answers, failures };
  const durationMs = ctx.elapsed() - startedAt;
  ctx.totals.stages.push({ stage: 1, durationMs });
  ctx.emit({
    type: 'stage.completed',
    stage: 1,
    durationMs,
    succeeded: answers.map((a) => a.model),
    failed: failures.map((f) => f.model),
  });
  return { answers, failures };
}
