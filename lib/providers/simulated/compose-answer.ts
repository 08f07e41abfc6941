/**
 * A simulated stage-1 answer: a few paragraphs about the question's key terms. Structure follows
 * the model's style and the wording is drawn from a seeded source, so members differ but each
 * reply is reproducible.
 */
import type { Random } from '@/lib/council/random';
import { composeCode } from './compose-code';
import { codeLanguage, keyTerms, mentionsCode } from './key-terms';
import type { AnswerStyle } from './profiles';

const OPENINGS = [
  'The short answer: {0} depends mostly on how it interacts with {1}.',
  'It helps to separate two things here: what {0} is, and how {1} changes the picture.',
  '{0} is best understood through its relationship with {1}.',
  'Most confusion about {0} comes from treating it apart from {1}.',
];

const POINTS = [
  'Start from the goal: decide what {0} must achieve before tuning {1}.',
  'Measure {0} before changing it; intuition about {1} is often wrong.',
  'Keep {0} simple at first and add complexity only where {1} demands it.',
  'Watch the edge cases: {0} behaves differently when {1} is missing or very large.',
  'Trade-offs matter: what you gain in {0} you may pay for in {2}.',
  'Document the assumptions behind {0}, especially those about {2}.',
  'Compare at least two approaches to {1} on a realistic example.',
];

const MIDDLES = [
  'In practice, {0} works well when {1} is predictable; when it is not, it pays to plan for {2} explicitly.',
  'A common mistake is to optimise {1} first. Getting {0} right usually removes most of the problem, and {2} then becomes a detail.',
  'Experienced practitioners look at {0} in context: the same choice about {1} can be right in one setting and wrong in another.',
];

const CLOSINGS = [
  'In short: be clear about {0}, test your assumptions about {1}, and revisit {2} once you have real data.',
  'If you share more about your situation, the advice on {0} and {1} can be made more specific.',
  'Overall, {0} rewards a careful, incremental approach.',
];

/**
 * `earlier` (the conversation's earlier questions) lends its terms to a terse follow-up such as
 * "And in Rust?", as a real model would read it in context.
 */
export function composeAnswer(question: string, style: AnswerStyle, random: Random, earlier: string[] = []): string {
  const previous = earlier.at(-1) ?? '';
  const own = keyTerms(question);
  const terms = own.length >= 2 ? own : [...own, ...keyTerms(previous).filter((term) => !own.includes(term))].slice(0, 4);
  const fill = filler(terms.length > 0 ? terms : ['the question'], random);
  const pick = (bank: string[]) => fill(bank[Math.floor(random() * bank.length)]);
  const points = pickDistinct(POINTS, 3, random).map(fill);
  const about = `${question}\n${own.length >= 2 ? '' : previous}`;
  // The question's own language wins over the earlier one ("And in Rust?" after a Python question).
  const language = mentionsCode(question) ? codeLanguage(question) : codeLanguage(about);
  const code = mentionsCode(about) ? `\`\`\`${language}\n${composeCode(language, longest(terms) ?? 'item')}\n\`\`\`` : null;

  const parts: string[] = [];
  if (style === 'structured') {
    parts.push(`## ${capitalise(terms[0] ?? 'Overview')}`, pick(OPENINGS), '### Key points', points.map((p) => `- ${p}`).join('\n'));
    if (code) parts.push('### Example', code);
    parts.push(pick(CLOSINGS));
  } else if (style === 'direct') {
    parts.push(pick(OPENINGS), points.map((p, i) => `${i + 1}. ${p}`).join('\n'));
    if (code) parts.push(code);
    parts.push(pick(CLOSINGS));
  } else {
    parts.push(pick(OPENINGS), pick(MIDDLES), `${points[0]} ${points[1]}`);
    if (code) parts.push('For example:', code, points[2]);
    parts.push(pick(CLOSINGS));
  }
  return parts.join('\n\n');
}

/** Replaces {0}, {1}, {2} with key terms; a term missing from a short question is reused or drawn at random. */
function filler(terms: string[], random: Random): (template: string) => string {
  return (template) =>
    capitalise(template.replace(/\{(\d)\}/g, (_m, index: string) => terms[Number(index)] ?? terms[Math.floor(random() * terms.length)]));
}

function pickDistinct<T>(items: T[], count: number, random: Random): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return chosen;
}

function longest(terms: string[]): string | undefined {
  return terms.reduce<string | undefined>((best, term) => (best === undefined || term.length > best.length ? term : best), undefined);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
