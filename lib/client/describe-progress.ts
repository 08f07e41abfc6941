/** One sentence on where a run is, for the live region that announces stage changes. */
import type { RunState } from './run-state';

const STAGE_TEXT = {
  1: 'Stage 1 of 3: the members are answering.',
  2: "Stage 2 of 3: the members are ranking each other's answers.",
  3: 'Stage 3 of 3: the chairman is writing the final answer.',
} as const;

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
      return state.currentStage === 0 ? 'The council is starting.' : STAGE_TEXT[state.currentStage];
  }
}
