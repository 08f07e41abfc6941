/** One sentence on where a run is, for the live region that announces stage changes. */
import type { RunState } from './run-state';

const STAGE_TEXT = {
  1: 'the members are answering.',
  2: "the members are ranking each other's answers.",
  3: 'the chairman is writing the final answer.',
} as const;

/** How many stages the run's mode goes through. */
const STAGE_COUNT = { answers: 1, ranked: 2, full: 3 } as const;

export function describeProgress(state: RunState): string {
  switch (state.status) {
    case 'idle':
      return 'Asking the council…';
    case 'completed':
      return state.degraded ? 'Final answer ready (degraded council).' : 'Final answer ready.';
    case 'failed':
      return `The run failed: ${state.end?.message ?? 'unknown reason'}`;
    case 'cancelled':
      return 'The run was cancelled.';
    case 'running':
      if (state.currentStage === 0) return 'The council is starting.';
      return `Stage ${state.currentStage} of ${STAGE_COUNT[state.mode]}: ${STAGE_TEXT[state.currentStage]}`;
  }
}
