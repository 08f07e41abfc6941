import { describe, expect, it } from 'vitest';
import { describeDegraded, describeFinalSource } from '@/lib/client/describe-degraded';
import type { WarningState } from '@/lib/client/run-state';

const warning = (code: WarningState['code'], stage: WarningState['stage'] = null, message = 'engine says so'): WarningState => ({ code, stage, message, t: 1 });
const run = (warnings: WarningState[], extra: object = {}) => ({
  status: 'completed' as const,
  degraded: true,
  warnings,
  answeredBy: 'm2',
  mode: 'full' as const,
  ...extra,
});

describe('the degraded banner says what happened', () => {
  it('every chairman failed', () => {
    expect(describeDegraded(run([warning('chairman_fallback', 3), warning('chairman_failed', 3)]))).toMatch(/Every chairman failed.*\(m2\)/);
  });
  it('a single answer', () => {
    expect(describeDegraded(run([warning('degraded_council', 1), warning('single_answer')]))).toMatch(/Only one member answered \(m2\).*ranking or synthesis/);
  });
  it('too few answers to rank, with the engine’s count', () => {
    expect(describeDegraded(run([warning('degraded_council', null, 'Only 2 answers (the tier needs 3 to rank).')]))).toBe(
      'Too few members answered to rank: Only 2 answers (the tier needs 3 to rank).',
    );
  });
  it('no valid rankings in ranked mode', () => {
    expect(describeDegraded(run([warning('no_valid_rankings', 2)], { mode: 'ranked' }))).toMatch(/No judge returned a valid ranking/);
  });
  it('nothing when the run was not degraded, or has not completed', () => {
    expect(describeDegraded(run([], { degraded: false }))).toBeNull();
    expect(describeDegraded(run([], { status: 'running' }))).toBeNull();
  });
  it('names where the final text came from', () => {
    expect(describeFinalSource({ finalModel: 'm1', answeredBy: null, mode: 'full', degraded: false, status: 'completed' })).toBe('Synthesised by m1');
    expect(describeFinalSource({ finalModel: null, answeredBy: 'm3', mode: 'answers', degraded: false, status: 'completed' })).toMatch(/Longest answer, by m3/);
    expect(describeFinalSource({ finalModel: null, answeredBy: 'm3', mode: 'ranked', degraded: false, status: 'completed' })).toBe('Top-ranked answer, by m3');
  });
});

describe('the progress line counts the stages of the run’s mode', () => {
  it.each([
    ['answers', 1, 'Stage 1 of 1: the members are answering.'],
    ['ranked', 2, "Stage 2 of 2: the members are ranking each other's answers."],
    ['full', 2, "Stage 2 of 3: the members are ranking each other's answers."],
  ] as const)('%s, stage %i', async (mode, stage, text) => {
    const { describeProgress } = await import('@/lib/client/describe-progress');
    const { initialRunState } = await import('@/lib/client/run-reducer');
    expect(describeProgress({ ...initialRunState(), status: 'running', mode, currentStage: stage })).toBe(text);
  });
});
