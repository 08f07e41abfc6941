import type { CouncilDeps, CouncilInput } from './council-input';
import { EventChannel } from './event-channel';
import type { CouncilEvent, WarningCode } from './events';
import { createRunContext, type RunContext } from './run-context';
import { describeCancellation, RunCancellation } from './run-cancellation';
import { bestAnswerByLength, completeRun, finishWithoutRanking } from './run-outcome';
import { runAnswerStage, type Answer, type Failure } from './stage-answers';
import { runRankingStage } from './stage-rankings';
import { runSynthesisStage, topRankedAnswer } from './stage-synthesis';

/**
 * Runs one council and streams its events (DESIGN.md §1 and §4). The run starts when the iterable
 * is first iterated. Every model call is closed before the terminal event is yielded; a consumer
 * that stops early (break / return()) aborts the run and waits for the same.
 */
export function runCouncil(input: CouncilInput, deps: CouncilDeps): CouncilRun {
  let live: EventChannel | null = null;
  // Warnings from outside before the run started wait for run.started, which is always seq 1.
  const early: { code: WarningCode; message: string }[] = [];
  return {
    warn(code, message) {
      if (live) live.push({ type: 'warning', code, message });
      else early.push({ code, message });
    },
    [Symbol.asyncIterator]() {
      const startedAt = deps.clock.now();
      const controller = new AbortController();
      let finished: Promise<void> = Promise.resolve();
      const channel = new EventChannel(
        input.runId,
        deps.clock,
        startedAt,
        async () => {
          controller.abort();
          await finished;
        },
        // Nobody is taking the events: stop the run rather than queue them without bound.
        () => controller.abort(new RunCancellation('client_stalled')),
      );
      const emit = (body: Parameters<EventChannel['push']>[0]): void => {
        channel.push(body);
        if (body.type !== 'run.started') return;
        // Outside warnings take the seq numbers right after run.started, then any later ones in turn.
        live = channel;
        for (const warning of early.splice(0)) channel.push({ type: 'warning', ...warning });
      };
      const ctx = createRunContext({ input, deps, controller, startedAt, emit });
      const onInputAbort = (): void => controller.abort();
      input.signal?.addEventListener('abort', onInputAbort, { once: true });
      finished = orchestrate(ctx).finally(() => {
        input.signal?.removeEventListener('abort', onInputAbort);
        channel.end();
      });
      if (input.signal?.aborted) controller.abort();
      return channel;
    },
  };
}

/** A council's events, and a way for its host (storage, transport) to add a warning in sequence. */
export interface CouncilRun extends AsyncIterable<CouncilEvent> {
  /**
   * Adds a `warning` event to the stream, numbered in order with the engine's own (no gap in seq). Before the
   * run started it follows run.started; after the run ended it is dropped.
   */
  warn(code: WarningCode, message: string): void;
}

async function orchestrate(ctx: RunContext): Promise<void> {
  const { input } = ctx;
  try {
    ctx.emit({
      type: 'run.started',
      question: input.question,
      tier: input.tier,
      members: [...input.members],
      chairman: input.chairman,
      fallbackChairmen: [...input.fallbackChairmen],
      mode: input.mode ?? 'full',
      ...(input.pricing ? { pricing: { ...input.pricing } } : {}),
      policy: input.policy,
      ...(input.source ? { source: input.source } : {}),
    });
    await runStages(ctx);
  } catch (error) {
    // A bug must still end the stream with one terminal event and no call left open.
    console.error('council run failed unexpectedly', error);
    const wasCancelled = ctx.signal.aborted;
    await abortAndSettle(ctx);
    if (wasCancelled) cancelled(ctx);
    else ctx.emit({ type: 'run.failed', reason: 'internal', message: 'The council engine failed unexpectedly.' });
  }
}

async function runStages(ctx: RunContext): Promise<void> {
  const mode = ctx.input.mode ?? 'full';
  const stage1 = await runAnswerStage(ctx);
  if (ctx.signal.aborted) return endCancelled(ctx);
  if (mode === 'answers' && stage1.answers.length > 0) {
    // Stage 1 only: no ranking to wait for, so any answer will do; the rule picks the final one.
    warnOfFailures(ctx, stage1.failures);
    if (stage1.answers.length === 1) warnSingleAnswer(ctx, stage1.answers[0].model);
    const best = bestAnswerByLength(stage1.answers);
    return endRun(ctx, () => completeRun(ctx, best.text, null, stage1.answers.length === 1, best.model));
  }
  if (stage1.answers.length < Math.max(2, ctx.input.policy.minAnswers)) {
    return endRun(ctx, () => finishWithoutRanking(ctx, stage1));
  }

  warnOfFailures(ctx, stage1.failures);

  const rankings = await runRankingStage(ctx, stage1.answers);
  if (ctx.signal.aborted) return endCancelled(ctx);
  if (mode === 'ranked') {
    // Stages 1–2: the top-ranked answer is final; without a valid ranking it is only the first to arrive.
    const top = topRankedAnswer(stage1.answers, rankings);
    const ranked = rankings.aggregate.some((entry) => entry.averageRank !== null);
    return endRun(ctx, () => completeRun(ctx, top.text, null, !ranked, top.model));
  }

  const synthesis = await runSynthesisStage(ctx, stage1.answers, rankings);
  if (ctx.signal.aborted) return endCancelled(ctx);
  if (!synthesis.ok) {
    ctx.emit({
      type: 'warning',
      code: 'chairman_failed',
      message: 'Every chairman failed; the top-ranked answer is shown as it is.',
      stage: 3,
    });
  }
  // Late judges (lateRankings 'keep') finish within their own deadline; the run ends after them.
  return endRun(ctx, () =>
    synthesis.ok
      ? completeRun(ctx, synthesis.text, synthesis.chairman, false)
      : completeRunWithTopAnswer(ctx, topRankedAnswer(stage1.answers, rankings)),
  );
}

function completeRunWithTopAnswer(ctx: RunContext, top: Answer): void {
  completeRun(ctx, top.text, null, true, top.model);
}

function warnOfFailures(ctx: RunContext, failures: Failure[]): void {
  if (failures.length === 0) return;
  ctx.emit({
    type: 'warning',
    code: 'degraded_council',
    message: `${failures.length} of ${ctx.input.members.length} members did not answer: ${failures
      .map((f) => `${f.model} (${f.reason})`)
      .join(', ')}.`,
    stage: 1,
  });
}

function warnSingleAnswer(ctx: RunContext, model: string): void {
  ctx.emit({ type: 'warning', code: 'single_answer', message: `Only ${model} answered; its answer is shown as it is.`, stage: 1 });
}

/** Emits the terminal event once no call is open (a cut call may still be closing its stream). */
async function endRun(ctx: RunContext, emitTerminal: () => void): Promise<void> {
  await ctx.allCallsSettled();
  if (ctx.signal.aborted) cancelled(ctx);
  else emitTerminal();
}

async function endCancelled(ctx: RunContext): Promise<void> {
  await abortAndSettle(ctx);
  cancelled(ctx);
}

async function abortAndSettle(ctx: RunContext): Promise<void> {
  ctx.abort();
  await ctx.allCallsSettled();
}

/** The reason comes from the input signal's abort reason (a RunCancellation), `cancelled` otherwise. */
function cancelled(ctx: RunContext): void {
  // The caller's reason first (Stop, detach, shutdown); else the engine's own (a consumer that stopped reading).
  const reason = ctx.input.signal?.aborted ? ctx.input.signal.reason : ctx.signal.reason;
  ctx.emit({ type: 'run.cancelled', ...describeCancellation(reason) });
}
