/**
 * Latency profiles of the simulated models, by model name. They mimic the spread of real vendors
 * (a fast small model, a slow careful one, a cheap middling one, …) so that the UI's waterfall, the
 * straggler cut and the timings behave as they would with real models.
 */

export interface SimulatedProfile {
  /** Time to first token: a value is drawn, seeded, from [min, max] ms. */
  firstTokenMs: readonly [number, number];
  tokensPerSecond: number;
  /** How this model writes, so that council members differ. */
  style: AnswerStyle;
}

export type AnswerStyle = 'direct' | 'structured' | 'narrative';

export const SIMULATED_PROFILES: Readonly<Record<string, SimulatedProfile>> = {
  'sim-swift': { firstTokenMs: [300, 600], tokensPerSecond: 120, style: 'direct' },
  'sim-sage': { firstTokenMs: [1_000, 1_500], tokensPerSecond: 45, style: 'structured' },
  'sim-thrift': { firstTokenMs: [600, 900], tokensPerSecond: 70, style: 'narrative' },
  'sim-pico': { firstTokenMs: [250, 450], tokensPerSecond: 150, style: 'direct' },
  'sim-nova': { firstTokenMs: [400, 700], tokensPerSecond: 95, style: 'narrative' },
  'sim-atlas': { firstTokenMs: [800, 1_200], tokensPerSecond: 60, style: 'structured' },
  'sim-ember': { firstTokenMs: [700, 1_000], tokensPerSecond: 55, style: 'narrative' },
  'sim-quill': { firstTokenMs: [900, 1_300], tokensPerSecond: 50, style: 'structured' },
};

const STYLES: AnswerStyle[] = ['direct', 'structured', 'narrative'];

/** The named profile, or for any other name a mid-range one whose style follows from the name. */
export function profileFor(model: string, nameHash: number): SimulatedProfile {
  return (
    SIMULATED_PROFILES[model] ?? {
      firstTokenMs: [500, 900],
      tokensPerSecond: 80,
      style: STYLES[nameHash % STYLES.length],
    }
  );
}
