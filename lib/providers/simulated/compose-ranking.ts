/**
 * A simulated judge's reply: a brief critique of each response, then the JSON ranking that
 * parseRanking reads. The order rewards what real judges tend to reward (covering the question's
 * terms, structure, examples) plus seeded noise, so judges mostly agree but not always.
 */
import type { Random } from '@/lib/council/random';
import { keyTerms } from './key-terms';
import type { FencedText } from './read-request';

const PRAISE = ['is clear and well organised', 'addresses the question directly', 'gives a useful example', 'is accurate and concise'];
const FAULTS = ['stays fairly general', 'could be more specific', 'misses some edge cases', 'is a little long for what it says'];

/** `invalid` makes the judge repeat one label in place of another, as real models sometimes do. */
export function composeRanking(question: string, responses: FencedText[], random: Random, invalid = false): string {
  const terms = keyTerms(question, 6).map((term) => term.toLowerCase());
  const scored = responses.map((response) => ({ label: response.label, score: score(response.text, terms) + random() * 3 }));
  const order = [...scored].sort((a, b) => b.score - a.score).map((entry) => entry.label);

  const critique = order
    .map((label, rank) => {
      const good = PRAISE[Math.floor(random() * PRAISE.length)];
      const weak = FAULTS[Math.floor(random() * FAULTS.length)];
      return rank === 0
        ? `Response ${label} ${good} and covers the question best.`
        : `Response ${label} ${rank === order.length - 1 ? weak : `${good} but ${weak}`}.`;
    })
    .sort(byLabel)
    .join(' ');

  const ranking = invalid && order.length > 1 ? [...order.slice(0, -1), order[0]] : order;
  return `${critique}\n\n${JSON.stringify({ ranking })}`;
}

// A line that starts a list item. Blanks before the marker stop at the line's end (`\s*` would run on through
// every following blank line from each line start: quadratic on a long run of empty lines).
const LIST_ITEM = /^[^\S\n\r\u2028\u2029]*([-*]|\d+\.)\s/m;

function score(text: string, terms: string[]): number {
  const lower = text.toLowerCase();
  const covered = terms.filter((term) => lower.includes(term)).length;
  const structure = (LIST_ITEM.test(text) ? 1 : 0) + (text.includes('```') ? 1 : 0);
  const length = Math.min(text.length, 1_500) / 500;
  return covered + structure + length;
}

/** Critique sentences in label order (A, B, … then AA), as a reader would expect them. */
function byLabel(a: string, b: string): number {
  const la = /^Response (\S+)/.exec(a)![1];
  const lb = /^Response (\S+)/.exec(b)![1];
  return la.length - lb.length || (la < lb ? -1 : la > lb ? 1 : 0);
}
