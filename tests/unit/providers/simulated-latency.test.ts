import { describe, it, expect } from 'vitest';
import { answerMessages } from '@/lib/council/prompts';
import { createSimulatedModel, SIMULATED_PROFILES } from '@/lib/providers/simulated';
import { tokenize } from '@/lib/providers/simulated/tokenize';
import { collect, request } from './simulated-helpers';

const messages = answerMessages('Compare PostgreSQL and SQLite for a small web application', []);

describe('simulated provider latency', () => {
  it('keeps the stream on schedule when every timer fires late', async () => {
    // A fake clock whose sleeps all overshoot by 5 ms: lateness must not add up over the waits.
    let clock = 0;
    const waits: number[] = [];
    const lateSleep = async (ms: number) => {
      waits.push(ms);
      clock += ms + 5;
    };
    const model = createSimulatedModel(
      { id: 'x', model: 'sim-sage', simulation: { firstTokenMs: 100, tokensPerSecond: 50 } },
      { sleep: lateSleep, now: () => clock },
    );
    let text = '';
    for await (const chunk of model.stream(request(messages), new AbortController().signal)) if (chunk.type === 'delta') text += chunk.text;
    expect(waits.length).toBeGreaterThan(20);
    const firstPiece = tokenize(text)[0];
    const scheduled = 100 + (((text.length - firstPiece.length) / 4) * 1_000) / 50;
    // Only the last wait's overshoot remains (uncorrected it would be 5 ms × every wait).
    expect(clock).toBeGreaterThanOrEqual(scheduled);
    expect(clock).toBeLessThanOrEqual(scheduled + 5 + 1e-6);
  });

  it('waits its profile first-token time, then streams at its profile speed', async () => {
    for (const [model, profile] of Object.entries(SIMULATED_PROFILES)) {
      const { waits, chunks, text } = await collect({ model }, messages);
      const [firstToken, ...streaming] = waits;
      expect(firstToken).toBeGreaterThanOrEqual(profile.firstTokenMs[0]);
      expect(firstToken).toBeLessThanOrEqual(profile.firstTokenMs[1]);
      const streamMs = streaming.reduce((sum, ms) => sum + ms, 0);
      // Every token after the first takes its share of a second (≈ 4 characters per token).
      const firstPiece = chunks[0].type === 'delta' ? chunks[0].text : '';
      const expectedMs = (((text.length - firstPiece.length) / 4) * 1_000) / profile.tokensPerSecond;
      expect(streamMs).toBeCloseTo(expectedMs, 0);
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
    const { waits, text } = await collect({ model: 'sim-sage', simulation: { firstTokenMs: 5, tokensPerSecond: 1_000 } }, messages);
    expect(waits[0]).toBe(5);
    const streamMs = waits.slice(1).reduce((a, b) => a + b, 0);
    // 1,000 tokens/s: one ms per token.
    expect(streamMs).toBeLessThanOrEqual(text.length / 4);
    expect(streamMs).toBeGreaterThan(text.length / 4 - 10);
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
