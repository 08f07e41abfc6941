import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseJson, normaliseText } from '@/lib/http/normalise-text';

/** Any UTF-16 code unit, so lone high and low surrogates (and NUL) come up often. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 60 });
/** Mixed: whole code points (astral ones as pairs), NUL and surrogate halves. */
const mixed = fc.string({
  unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\uDBFF')),
  maxLength: 60,
});

const wellFormed = (text: string) => (text as string & { isWellFormed(): boolean }).isWellFormed();
const viaUtf8 = (text: string) => new TextDecoder().decode(new TextEncoder().encode(text));

describe('normaliseText', () => {
  it('turns any input into well-formed text without NUL that survives a UTF-8 round trip unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(codeUnits, mixed), (input) => {
        const output = normaliseText(input);
        expect(wellFormed(output)).toBe(true);
        expect(output.includes('\u0000')).toBe(false);
        expect(viaUtf8(output)).toBe(output);
        expect(normaliseText(output)).toBe(output);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves well-formed text without NUL exactly as it was', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (input) => {
        fc.pre(!input.includes('\u0000'));
        expect(normaliseText(input)).toBe(input);
      }),
    );
  });

  it('replaces each lone surrogate with U+FFFD, keeps pairs, and drops NUL', () => {
    expect(normaliseText('a\u0000b')).toBe('ab');
    expect(normaliseText('\uD800x\uDC00')).toBe('\uFFFDx\uFFFD');
    expect(normaliseText('\uDC00\uD800')).toBe('\uFFFD\uFFFD');
    expect(normaliseText('\uD83D\uDE00')).toBe('\u{1F600}');
  });

  it('normalises every string and key of a parsed JSON value, leaving other values alone', () => {
    expect(normaliseJson({ 'k\u0000': ['\uD800', 1, null, { q: 'x\u0000' }], n: true })).toEqual({
      k: ['\uFFFD', 1, null, { q: 'x' }],
      n: true,
    });
  });

  it('runs in linear time on 20,000 characters of alternating surrogates', () => {
    // A pattern that backtracked would take seconds here; linear stays well under a second on a slow machine.
    const input = '\uD800\uDC00\uDC00'.repeat(7000);
    const start = performance.now();
    normaliseText(input);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
