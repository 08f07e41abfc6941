import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { titleFromQuestion, TITLE_MAX_CHARS, UNTITLED } from '@/lib/store/conversation-title';

describe('titleFromQuestion', () => {
  it('keeps a short question as it is, whitespace collapsed', () => {
    expect(titleFromQuestion('  How do\n\tcouncils   vote? ')).toBe('How do councils vote?');
  });

  it('cuts a long question at a word boundary with an ellipsis', () => {
    const title = titleFromQuestion('Explain in detail how a council of language models can rank each other without bias, please');
    expect(title).toBe('Explain in detail how a council of language models can…');
    expect(Array.from(title).length).toBeLessThanOrEqual(TITLE_MAX_CHARS);
  });

  it('cuts one very long word rather than leaving nothing', () => {
    expect(titleFromQuestion('x'.repeat(100))).toBe(`${'x'.repeat(TITLE_MAX_CHARS - 1)}…`);
  });

  it('names a blank question "New conversation"', () => {
    expect(titleFromQuestion(' \n ')).toBe(UNTITLED);
  });

  it('is always one non-empty line of at most 60 characters that starts like the question', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'grapheme' }), (question) => {
        const title = titleFromQuestion(question);
        expect(title.length).toBeGreaterThan(0);
        expect(Array.from(title).length).toBeLessThanOrEqual(TITLE_MAX_CHARS);
        expect(title).not.toMatch(/[\n\r\t]/);
        const flat = question.replace(/\s+/g, ' ').trim();
        if (flat !== '') expect(flat.startsWith(title.replace(/…$/, '').slice(0, 10))).toBe(true);
      }),
    );
  });
});
