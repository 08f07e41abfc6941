import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CouncilEvent } from '@/lib/council/events';
import { FinalAnswerText, RESTART_SEPARATOR } from '@/lib/service/final-answer-text';

const base = { runId: 'r', seq: 0, t: 0 };
const delta = (stage: 1 | 2 | 3, text: string) => ({ ...base, type: 'member.delta', stage, model: 'm', text }) as CouncilEvent;
const completed = (text: string) =>
  ({ ...base, type: 'run.completed', text, chairman: 'm', degraded: false, totals: { durationMs: 0, stages: [], tokens: { input: 0, output: 0 }, costUsd: 0 } }) as CouncilEvent;
const retrying = (stage: 1 | 2 | 3) => ({ ...base, type: 'member.retrying', stage, model: 'm', attempt: 2, delayMs: 1, reason: 'http_500' }) as CouncilEvent;

function play(events: CouncilEvent[]): string {
  const answer = new FinalAnswerText();
  return events.map((event) => answer.observe(event)).join('');
}

describe('FinalAnswerText', () => {
  it('sends only stage-3 text, never answers or critiques', () => {
    expect(play([delta(1, 'answer '), delta(2, 'critique '), delta(3, 'Final '), delta(3, 'text.'), completed('Final text.')])).toBe('Final text.');
  });

  it('sends the whole final text at the end when no chairman streamed (every chairman failed, or no stage 3)', () => {
    expect(play([delta(1, 'an answer'), completed('The top-ranked answer.')])).toBe('The top-ranked answer.');
  });

  it('marks a restart with a separator when a chairman attempt is retried after it sent text', () => {
    expect(play([delta(3, 'Half an ans'), retrying(3), delta(3, 'A whole answer.'), completed('A whole answer.')])).toBe(
      `Half an ans${RESTART_SEPARATOR}A whole answer.`,
    );
  });

  it('needs no separator when the retried attempt had sent nothing', () => {
    expect(play([retrying(3), delta(3, 'Answer.'), completed('Answer.')])).toBe('Answer.');
  });

  it('always ends with the final text, and equals it when nothing restarted (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1 }), { maxLength: 8 }), fc.array(fc.string(), { maxLength: 4 }), (pieces, noise) => {
        const text = pieces.join('');
        const events = [...noise.map((n) => delta(1, n || 'x')), ...pieces.map((p) => delta(3, p)), completed(text)];
        expect(play(events)).toBe(text);
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (streamed, final) => {
        expect(play([delta(3, streamed), retrying(3), completed(final)]).endsWith(final)).toBe(true);
      }),
    );
  });
});
