import type { ChatMessage, ChatRequest, TokenUsage } from './chat-model';
import { DeltaCoalescer } from './delta-coalescer';
import { estimateFailedAttempt, estimatePromptTokens } from './estimate-usage';
import type { MemberTiming } from './events';
import { ModelCallError, toModelCallError, type FailureReason } from './model-call-error';
import type { Stage } from './policy';
import type { RunContext } from './run-context';

/** How one member's call ended, as reported in its member.completed / member.failed event. */
export type MemberOutcome =
  | {
      ok: true;
      model: string;
      text: string;
      usage: TokenUsage;
      costUsd?: number;
      timing: MemberTiming;
      attempts: number;
    }
  | {
      ok: false;
      model: string;
      reason: FailureReason;
      message: string;
      timing: MemberTiming;
      attempts: number;
      /** What the last attempt used (estimated); counted in the run totals and the budget like a completed call. */
      usage: TokenUsage;
      costUsd?: number;
    };

export interface MemberCallOptions {
  stage: Stage;
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  deadlineMs: number;
}

/** A running member call: its outcome, and a way to cut it short. */
export interface MemberCall {
  readonly model: string;
  /** Resolves as soon as the member's final event is emitted (at the cut, not when the stream closes). */
  readonly outcome: Promise<MemberOutcome>;
  readonly done: boolean;
  /** Ends the call now with `reason`: emits member.failed and aborts the upstream stream. */
  cut(reason: FailureReason, message: string): void;
}

/**
 * Starts one model call with its own deadline (on the run's clock) and its own abort signal, streams
 * its text as coalesced deltas, and reports exactly one member.completed or member.failed. Nothing
 * from the member is emitted after that event, even if the upstream stream is slow to close.
 */
export function startMemberCall(ctx: RunContext, options: MemberCallOptions): MemberCall {
  const { stage, model } = options;
  const controller = new AbortController();
  const startMs = ctx.elapsed();
  let firstTokenMs: number | null = null;
  let queuedMs = 0;
  let queuedSince: number | null = null;
  let attempts = 1;
  let text = '';
  let done = false;
  let resolveOutcome!: (outcome: MemberOutcome) => void;
  const outcome = new Promise<MemberOutcome>((resolve) => (resolveOutcome = resolve));
  const coalescer = new DeltaCoalescer(ctx.clock, (delta) => ctx.emit({ type: 'member.delta', stage, model, text: delta }));
  const promptTokens = estimatePromptTokens(options.messages);
  const pricing = ctx.input.pricing?.[model];

  const finish = (result: MemberOutcome): void => {
    if (done) return;
    done = true;
    cancelDeadline();
    ctx.signal.removeEventListener('abort', onRunAbort);
    if (result.ok) {
      coalescer.flush();
      ctx.addUsage(result.usage, result.costUsd);
      const { ok: _ok, ...body } = result;
      ctx.emit({ type: 'member.completed', stage, ...body });
    } else {
      coalescer.discard();
      ctx.addUsage(result.usage, result.costUsd);
      const { ok: _ok, ...body } = result;
      ctx.emit({ type: 'member.failed', stage, ...body });
    }
    resolveOutcome(result);
  };
  const timing = (): MemberTiming => {
    const endMs = ctx.elapsed();
    return { startMs, queuedMs: queuedMs + (queuedSince === null ? 0 : endMs - queuedSince), firstTokenMs, endMs };
  };
  const fail = (reason: FailureReason, message: string): void =>
    finish({ ok: false, model, reason, message, timing: timing(), attempts, ...estimateFailedAttempt(promptTokens, text, pricing) });
  const cut = (reason: FailureReason, message: string): void => {
    if (done) return;
    fail(reason, message);
    controller.abort(new ModelCallError({ reason, message }));
  };
  const onRunAbort = (): void => cut('cancelled', 'The run was cancelled.');

  ctx.emit({ type: 'member.started', stage, model, attempt: 1, promptTokens });
  const cancelDeadline = ctx.clock.setTimer(
    () => cut('timeout', `No complete answer within ${options.deadlineMs} ms.`),
    options.deadlineMs,
  );
  ctx.signal.addEventListener('abort', onRunAbort, { once: true });

  const request: ChatRequest = {
    messages: options.messages,
    maxTokens: options.maxTokens,
    timeBudgetMs: options.deadlineMs,
    firstTokenTimeoutMs: ctx.input.policy.firstTokenTimeoutMs,
    idleTimeoutMs: ctx.input.policy.idleTimeoutMs,
  };

  const settled = (async () => {
    let usage: TokenUsage = { input: 0, output: 0 };
    let costUsd: number | undefined;
    try {
      const stream = ctx.deps.model(model).stream(request, controller.signal);
      for await (const chunk of stream) {
        if (done) break;
        if (chunk.type === 'delta') {
          if (chunk.text === '') continue;
          firstTokenMs ??= ctx.elapsed();
          text += chunk.text;
          coalescer.push(chunk.text);
        } else if (chunk.type === 'queue') {
          // Waiting for a slot or the rate limiter is part of the member's time, shown apart from the model's.
          if (chunk.state === 'waiting') queuedSince ??= ctx.elapsed();
          else if (queuedSince !== null) {
            queuedMs += ctx.elapsed() - queuedSince;
            queuedSince = null;
          }
        } else if (chunk.type === 'retrying') {
          // The failed attempt's text is void: the UI drops it on member.retrying, and so do we. What it used
          // was paid for all the same, so it is reported and counted.
          coalescer.discard();
          const used = estimateFailedAttempt(promptTokens, text, pricing);
          ctx.addUsage(used.usage, used.costUsd);
          text = '';
          firstTokenMs = null;
          attempts = Math.max(attempts + 1, chunk.attempt);
          ctx.emit({ type: 'member.retrying', stage, model, attempt: attempts, delayMs: chunk.delayMs, reason: chunk.reason, ...used });
        } else {
          usage = chunk.usage;
          costUsd = chunk.costUsd;
        }
      }
      if (done) return;
      if (text.trim() === '') fail('empty', 'The model returned an empty answer.');
      else finish({ ok: true, model, text, usage, costUsd, timing: timing(), attempts });
    } catch (error) {
      if (done) return;
      const failure = toModelCallError(error, controller.signal);
      fail(failure.reason, failure.message);
    }
  })();
  ctx.track(settled);
  if (ctx.signal.aborted) onRunAbort();

  return {
    model,
    outcome,
    get done() {
      return done;
    },
    cut,
  };
}
