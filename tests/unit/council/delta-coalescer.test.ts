import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DeltaCoalescer } from '@/lib/council/delta-coalescer';
import { FakeClock } from '@/tests/support/fake-clock';

describe('DeltaCoalescer', () => {
  it('sends the first text at once, then at most one delta per interval, losing nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 80 }), fc.string({ minLength: 1, maxLength: 4 })), { maxLength: 40 }), (pushes) => {
        const clock = new FakeClock();
        const sent: { at: number; text: string }[] = [];
        const coalescer = new DeltaCoalescer(clock, (text) => sent.push({ at: clock.now(), text }), 30);
        for (const [gap, text] of pushes) {
          clock.advance(gap);
          coalescer.push(text);
        }
        if (pushes.length > 0) expect(sent[0].at).toBe(clock.now() - pushes.slice(1).reduce((s, [g]) => s + g, 0));
        for (let i = 1; i < sent.length; i++) expect(sent[i].at - sent[i - 1].at).toBeGreaterThanOrEqual(30);
        coalescer.flush();
        expect(sent.map((s) => s.text).join('')).toBe(pushes.map(([, t]) => t).join(''));
        expect(clock.pending()).toBe(0);
      }),
    );
  });

  it('drops buffered text on discard', () => {
    const clock = new FakeClock();
    const sent: string[] = [];
    const coalescer = new DeltaCoalescer(clock, (text) => sent.push(text), 30);
    coalescer.push('a');
    coalescer.push('b');
    coalescer.discard();
    clock.advance(100);
    coalescer.flush();
    expect(sent).toEqual(['a']);
  });
});
