import { describe, it, expect } from 'vitest';
import { answerMessages } from '@/lib/council/prompts';
import { SIMULATED_PROFILES } from '@/lib/providers/simulated';
import { collect } from './simulated-helpers';

const messages = answerMessages('Compare PostgreSQL and SQLite for a small web application', []);

describe('simulated provider latency', () => {
  it('waits its profile first-token time, then streams at its profile speed', async () => {
    for (const [model, profile] of Object.entries(SIMULATED_PROFILES)) {
      const { waits, finish } = await collect({ model }, messages);
      const [firstToken, ...streaming] = waits;
      expect(firstToken).toBeGreaterThanOrEqual(profile.firstTokenMs[0]);
      expect(firstToken).toBeLessThanOrEqual(profile.firstTokenMs[1]);
      const streamMs = streaming.reduce((sum, ms) => sum + ms, 0);
      const expectedMs = (finish!.usage.output * 1_000) / profile.tokensPerSecond;
      // Token counts are per chunk (rounded up), so allow a generous margin.
      expect(streamMs).toBeGreaterThan(expectedMs * 0.8);
      expect(streamMs).toBeLessThan(expectedMs * 2);
    }
  });

  it('batches tokens so that it never sets a timer shorter than a frame', async () => {
    const { waits } = await collect({ model: 'sim-pico' }, messages);
    for (const ms of waits.slice(1, -1)) expect(ms).toBeGreaterThanOrEqual(15);
  });

  it('makes the slow profile slower than the fast one for the same question', async () => {
    const total = async (model: string) => (await collect({ model }, messages)).waits.reduce((a, b) => a + b, 0);
    expect(await total('sim-sage')).toBeGreaterThan((await total('sim-swift')) * 1.5);
  });

  it('honours firstTokenMs and tokensPerSecond from the simulation options', async () => {
    const { waits, finish } = await collect({ model: 'sim-sage', simulation: { firstTokenMs: 5, tokensPerSecond: 1_000 } }, messages);
    expect(waits[0]).toBe(5);
    const streamMs = waits.slice(1).reduce((a, b) => a + b, 0);
    expect(streamMs).toBeLessThan(finish!.usage.output * 2);
  });

  it('gives an unknown model name a mid-range profile', async () => {
    const { waits, text } = await collect({ model: 'my-own-model' }, messages);
    expect(waits[0]).toBeGreaterThanOrEqual(500);
    expect(waits[0]).toBeLessThanOrEqual(900);
    expect(text).toMatch(/PostgreSQL|SQLite|web application/);
  });

  it('differs in first-token time between requests, within the profile range', async () => {
    const firsts = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const { waits } = await collect({ model: 'sim-thrift' }, answerMessages(`Question number ${i} about caching`, []));
      firsts.add(waits[0]);
    }
    expect(firsts.size).toBeGreaterThan(6);
  });
});
