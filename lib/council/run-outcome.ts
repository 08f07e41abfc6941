import type { RunContext } from './run-context';
import type { Answer, AnswersResult } from './stage-answers';

/**
 * The terminal run.completed, with totals summed over every call (failed and cut attempts at what they used).
 * `answeredBy` names the member whose answer is final when it is not a chairman's synthesis.
 */
export function completeRun(
  ctx: RunContext,
  text: string,
  chairman: string | null,
  degraded: boolean,
  answeredBy?: string,
): void {
  ctx.emit({
    type: 'run.completed',
    text,
    chairman,
    degraded,
    ...(answeredBy ? { answeredBy } : {}),
    totals: {
      durationMs: ctx.elapsed(),
      stages: [...ctx.totals.stages],
      tokens: { ...ctx.totals.tokens },
      costUsd: ctx.totals.costUsd,
    },
  });
}

/**
 * Stage 1 left too few answers to rank: one answer (or more, but under minAnswers) is delivered
 * as it is, marked degraded; none fails the run with one reason per member.
 */
export function finishWithoutRanking(ctx: RunContext, stage1: AnswersResult): void {
  const { answers, failures } = stage1;
  const minAnswers = Math.max(2, ctx.input.policy.minAnswers);
  if (answers.length === 0) {
    ctx.emit({
      type: 'run.failed',
      reason: 'no_answers',
      message: `No council member answered: ${failures.map((f) => `${f.model} (${f.reason})`).join(', ')}.`,
      failures: failures.map((f) => ({ model: f.model, reason: f.reason })),
    });
    return;
  }
  const answer = answers[0];
  ctx.emit({
    type: 'warning',
    code: answers.length === 1 ? 'single_answer' : 'degraded_council',
    message:
      answers.length === 1
        ? `Only ${answer.model} answered; its answer is shown without ranking or synthesis.`
        : `Only ${answers.length} answers (the tier needs ${minAnswers} to rank); the first one is shown as it is.`,
  });
  completeRun(ctx, answer.text, null, true, answer.model);
}

/**
 * The `answers` mode's rule: the longest answer (by characters, trimmed) is final, ties going to the one that
 * arrived first. Cheap and blind to content, but a fuller answer is more often the useful one than the quickest.
 */
export function bestAnswerByLength(answers: Answer[]): Answer {
  return answers.reduce((best, answer) => (answer.text.trim().length > best.text.trim().length ? answer : best));
}
