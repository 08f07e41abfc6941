export { createSimulatedModel, type SimulatedModelOptions, type SimulatedModelDeps } from './create-simulated-model';
export { SIMULATED_PROFILES, type SimulatedProfile, type AnswerStyle } from './profiles';
export type { SimulationOptions } from './simulation-options';
export { SIMULATED_RETRY_AFTER_MS } from './simulated-failure';
