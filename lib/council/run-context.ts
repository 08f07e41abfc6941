import type { TokenUsage } from './chat-model';
import type { Clock } from './clock';
import type { CouncilDeps, CouncilInput } from './council-input';
import { elapsed } from './event-channel';
import type { CouncilEventBody, StageTotals } from './events';

/** What every part of one run shares: its input, its dependencies, its event sink and its bookkeeping. */
export interface RunContext {
  readonly input: CouncilInput;
  readonly deps: CouncilDeps;
  readonly clock: Clock;
  /** Aborted when the run is cancelled (input signal) or its consumer goes away. */
  readonly signal: AbortSignal;
  /** Aborts the run: every call still in flight is cut with reason `cancelled`. */
  abort(): void;
  /** ms since the run started, as stamped on events. */
  elapsed(): number;
  emit(body: CouncilEventBody): void;
  /** Registers a model call so that the run can wait until it is closed before its terminal event. */
  track(settled: Promise<void>): void;
  /** Resolves once every tracked call (including ones started meanwhile) has settled. */
  allCallsSettled(): Promise<void>;
  /** Adds a completed call's usage to the run totals. */
  addUsage(usage: TokenUsage, costUsd: number | undefined): void;
  readonly totals: { tokens: TokenUsage; costUsd: number; stages: StageTotals[] };
}

export function createRunContext(options: {
  input: CouncilInput;
  deps: CouncilDeps;
  controller: AbortController;
  startedAt: number;
  emit: (body: CouncilEventBody) => void;
}): RunContext {
  const open = new Set<Promise<void>>();
  const totals = { tokens: { input: 0, output: 0 }, costUsd: 0, stages: [] as StageTotals[] };
  const { clock } = options.deps;
  return {
    input: options.input,
    deps: options.deps,
    clock,
    signal: options.controller.signal,
    abort: () => options.controller.abort(),
    elapsed: () => elapsed(clock, options.startedAt),
    emit: options.emit,
    totals,
    track(settled) {
      open.add(settled);
      void settled.finally(() => open.delete(settled));
    },
    async allCallsSettled() {
      while (open.size > 0) await Promise.allSettled([...open]);
    },
    addUsage(usage, costUsd) {
      totals.tokens.input += usage.input;
      totals.tokens.output += usage.output;
      totals.costUsd += costUsd ?? 0;
      if (costUsd) options.deps.onSpend?.(costUsd);
    },
  };
}
