/**
 * No regular expression runs in super-linear time on untrusted text (DESIGN.md §5). Every function below reads
 * a question, an answer or a judge's reply; each gets 20,000-character inputs built to make a backtracking
 * pattern retry from every position.
 *
 * Why the bound holds on a noisy machine: the quadratic versions these replace took 400–1,700 ms per call on
 * these inputs (measured on this 2-core box; `<` + 20,000 spaces in the fence neutraliser: ~440 ms per prompt),
 * the linear ones take under 15 ms (most under 2 ms). The best of three runs must stay under 150 ms: a 10× slower
 * machine still passes the linear code, while the quadratic code misses it by a factor of 3 or more even on a fast
 * one. (`npm run bench -- text-readers` prints the 2k/20k ratios: about 10 for each reader.)
 * Behaviour is unchanged: the property tests compare each rewrite with the pattern it replaced on short inputs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findJsonRanking } from '@/lib/council/parse-ranking-json';
import { findListRanking } from '@/lib/council/parse-ranking-list';
import { parseRanking } from '@/lib/council/parse-ranking';
import { FENCE_TAGS, neutraliseFences, rankingMessages, synthesisMessages } from '@/lib/council/prompts';
import { composeAnswer } from '@/lib/providers/simulated/compose-answer';
import { composeRanking } from '@/lib/providers/simulated/compose-ranking';
import { composeSynthesis } from '@/lib/providers/simulated/compose-synthesis';
import { keyTerms } from '@/lib/providers/simulated/key-terms';
import { readRequest } from '@/lib/providers/simulated/read-request';
import { titleFromQuestion } from '@/lib/store/conversation-title';

const N = 20_000;
const BOUND_MS = 150;

const ADVERSARIAL: Record<string, string> = {
  '`<` then blanks': '<' + ' '.repeat(N),
  '`< /` then blanks': '< /' + '\t'.repeat(N),
  '`<` then blanks then a word': '<' + ' '.repeat(N) + 'x',
  'joiners inside a word': 'a' + "'".repeat(N) + 'b',
  'dashes and underscores inside a word': 'a' + '-_'.repeat(N / 2) + 'b',
  'an inline ranking with a run of blanks': 'FINAL RANKING: A' + ' '.repeat(N) + 'B',
  'a header with a run of blanks': 'final' + ' '.repeat(N) + 'x',
  'empty lines': '\n'.repeat(N) + 'x',
  'blank lines with spaces': '\n \t'.repeat(N / 3) + 'x',
  'one sentence without an end': 'a'.repeat(N),
  'braces': '{'.repeat(N),
  'a fence then newlines before a brace': '```' + '\n'.repeat(N) + 'x{"ranking":["A"]}',
  'single quotes in a ranking': "{'ranking': ['" + "'".repeat(N) + ']}',
  'trailing commas in a ranking': "{'ranking':[" + ', '.repeat(N / 2) + ']}',
  '"response" then blanks': 'response' + ' '.repeat(N) + 'abcd',
  'digits without a marker': 'FINAL RANKING:\n' + '1'.repeat(N) + 'x',
  'unclosed code fences': '```a'.repeat(N / 4),
};

function bestOfThree(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const random = () => 0.5;
const ANSWERS = (text: string) => [
  { label: 'A', model: 'm-a', text },
  { label: 'B', model: 'm-b', text: 'Short answer.' },
];

const READERS: Record<string, (text: string) => unknown> = {
  neutraliseFences,
  'rankingMessages (every answer fenced)': (text) => rankingMessages(text, ANSWERS(text)),
  'synthesisMessages (answers and critiques fenced)': (text) =>
    synthesisMessages({ question: text, history: [], answers: ANSWERS(text), aggregate: [], critiques: [{ judge: 'm-b', text, labels: { A: 'm-a' } }] }),
  'parseRanking (JSON and list)': (text) => parseRanking(text, ['A', 'B']),
  findJsonRanking,
  findListRanking,
  'keyTerms (simulated provider)': (text) => keyTerms(text),
  'composeAnswer (simulated provider)': (text) => composeAnswer(text, 'structured', random),
  'composeRanking (simulated provider)': (text) => composeRanking(text, ANSWERS(text), random),
  'composeSynthesis (simulated provider)': (text) => composeSynthesis(text, ANSWERS(text), ['A', 'B'], random),
  'readRequest of a ranking prompt (simulated provider)': (text) => readRequest(rankingMessages(text, ANSWERS(text))),
  titleFromQuestion,
};

describe('text readers run in linear time on 20,000-character adversarial input', () => {
  for (const [reader, read] of Object.entries(READERS)) {
    it(`${reader}: every adversarial input under ${BOUND_MS} ms`, () => {
      const slow = Object.entries(ADVERSARIAL)
        .map(([input, text]) => ({ input, ms: bestOfThree(() => read(text)) }))
        .filter((entry) => entry.ms > BOUND_MS);
      expect(slow).toEqual([]);
    });
  }
});

// The patterns the rewrites replaced, to show that the behaviour did not change.
const OLD_TAG_PATTERN = new RegExp(`<(\\s*/?\\s*)(${FENCE_TAGS.join('|')})\\b`, 'gi');
const oldNeutralise = (text: string) => text.replace(OLD_TAG_PATTERN, (_m, between: string, tag: string) => `&lt;${between}${tag}`);
const oldSplitInline = (inline: string) => inline.split(/\s*(?:,|>|;|\bthen\b)\s*/i).filter(Boolean);

const pieces = (...parts: string[]) => fc.array(fc.constantFrom(...parts), { maxLength: 20 }).map((list) => list.join(''));

describe('the linear rewrites behave exactly as the patterns they replace', () => {
  it('neutralises the same tags', () => {
    fc.assert(
      fc.property(pieces('<', '/', ' ', '\t', '\n', 'question', 'Answer', 'RESPONSE', 'x', '>', 'turns', 'critique'), (text) => {
        expect(neutraliseFences(text)).toBe(oldNeutralise(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('splits an inline ranking the same way', () => {
    fc.assert(
      fc.property(pieces('A', 'B', 'C', ' ', '\t', ',', '>', ';', 'then', 'Then', 'x'), (inline) => {
        const trimmed = inline.trim();
        fc.pre(trimmed !== '');
        const found = findListRanking(`FINAL RANKING: ${trimmed}`);
        expect(found?.items).toEqual(oldSplitInline(trimmed));
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads a numbered ranking with CRLF line ends like one with LF', () => {
    const lf = 'Good answers.\n\nFINAL RANKING:\n1. Response B\n2. Response A\n';
    expect(findListRanking(lf.replaceAll('\n', '\r\n'))?.items).toEqual(['Response B', 'Response A']);
    expect(parseRanking(lf.replaceAll('\n', '\r\n'), ['A', 'B'])).toMatchObject({ order: ['B', 'A'], valid: true });
  });

  it('keeps the same key terms, trailing joiners dropped', () => {
    // Values computed with the old `/['\-_]+$/` trim.
    expect(keyTerms("Tokio'' runtime-- vs async_std__ in Rust?")).toEqual(['Tokio runtime', 'async_std', 'Rust']);
    expect(keyTerms("rate-limiter's design")).toEqual(["rate-limiter's design"]);
    expect(keyTerms("___ '''")).toEqual([]);
  });

  it('finds the same sentences for the simulated chairman', () => {
    // The output of the old `/[^.!?]+[.!?]/g` split; "First point is here." is too short to be a point.
    const answer = 'First point is here. Second point follows! Is a third one there?\n- A list item without an end';
    const synthesis = composeSynthesis('sentences', [{ label: 'A', text: answer }], ['A'], random);
    expect(synthesis).toContain('\n\n- Second point follows!\n- Is a third one there?\n- A list item without an end\n\n');
  });
});
