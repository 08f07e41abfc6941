/** What a tier tells the engine about one run: who sits on the council and how patient to be. */

export type Stage = 1 | 2 | 3;
export type StageName = 'answer' | 'ranking' | 'synthesis';

export interface CouncilPolicy {
  deadlinesMs: Record<StageName, number>;
  firstTokenTimeoutMs: number;
  idleTimeoutMs: number;
  /** Fraction of expected rankings (valid) after which stage 3 starts; at least one ranking. */
  quorum: number;
  straggler: { factor: number; floorMs: number };
  lateRankings: 'keep' | 'cancel';
  /** Hide each judge's own answer from what it ranks. */
  excludeSelf: boolean;
  /** Fewer surviving answers than this and the run cannot rank. */
  minAnswers: number;
  maxTokens: Record<StageName, number>;
}

export const DEFAULT_POLICY: CouncilPolicy = {
  deadlinesMs: { answer: 60_000, ranking: 45_000, synthesis: 90_000 },
  firstTokenTimeoutMs: 20_000,
  idleTimeoutMs: 15_000,
  quorum: 0.5,
  straggler: { factor: 1.5, floorMs: 3_000 },
  lateRankings: 'keep',
  excludeSelf: true,
  minAnswers: 2,
  maxTokens: { answer: 1_200, ranking: 600, synthesis: 2_000 },
};

export const STAGE_NAMES: Record<Stage, StageName> = { 1: 'answer', 2: 'ranking', 3: 'synthesis' };
