/** Small immutable helpers the run reducer is built from. */
import type { Stage } from '@/lib/council/policy';
import type { MemberStageState, RunState, StageState } from './run-state';

export const STAGES: readonly Stage[] = [1, 2, 3];

export function emptyStage(stage: Stage): StageState {
  return {
    stage,
    status: 'pending',
    startMs: null,
    endMs: null,
    models: [],
    members: {},
    succeeded: [],
    failed: [],
    transition: null,
  };
}

export function emptyMember(model: string, stage: Stage): MemberStageState {
  return {
    model,
    stage,
    status: 'waiting',
    text: '',
    attempt: 1,
    attempts: 0,
    retries: [],
    startMs: null,
    queuedMs: 0,
    firstTokenMs: null,
    endMs: null,
    failure: null,
    usage: null,
    costUsd: null,
    promptTokens: null,
    spent: { tokens: { input: 0, output: 0 }, costUsd: 0 },
  };
}

/** A valid Stage, or null for anything else (a stored run may come from an older or newer version). */
export function asStage(value: unknown): Stage | null {
  return value === 1 || value === 2 || value === 3 ? value : null;
}

export function withStage(state: RunState, stage: Stage, update: (s: StageState) => StageState): RunState {
  return { ...state, stages: { ...state.stages, [stage]: update(state.stages[stage]) } };
}

/** Updates one member of one stage, creating it (and listing it) if the stage had not announced it. */
export function withMember(
  state: RunState,
  stage: Stage,
  model: string,
  update: (m: MemberStageState) => MemberStageState,
): RunState {
  return withStage(state, stage, (s) => {
    const current = s.members[model] ?? emptyMember(model, stage);
    const models = s.models.includes(model) ? s.models : [...s.models, model];
    return { ...s, models, members: { ...s.members, [model]: update(current) } };
  });
}

/** Members a stage expects, in order, without duplicates, keeping any already present. */
export function announceModels(stage: StageState, models: readonly string[]): StageState {
  const ordered = [...new Set([...models, ...stage.models])];
  const members = { ...stage.members };
  for (const model of ordered) members[model] ??= emptyMember(model, stage.stage);
  return { ...stage, models: ordered, members };
}

export function isFinished(state: RunState): boolean {
  return state.status === 'completed' || state.status === 'failed' || state.status === 'cancelled';
}
