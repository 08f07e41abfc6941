/**
 * A simulated chairman's final answer, drawn from the council's answers: it opens on the question,
 * keeps the best-ranked answer's points first, adds distinct points from the others and keeps a
 * code example if one was given.
 */
import type { Random } from '@/lib/council/random';
import { keyTerms } from './key-terms';
import type { FencedText } from './read-request';

const INTROS = [
  'Here is a consolidated answer on {0}.',
  'Putting the strongest points together, here is how to think about {0}.',
  'The answers largely agree on {0}; the essentials are below.',
];

export function composeSynthesis(question: string, answers: FencedText[], rankedLabels: string[], random: Random): string {
  const terms = keyTerms(question);
  const topic = terms.slice(0, 2).join(' and ') || 'the question';
  const ordered = [...answers].sort((a, b) => rankOf(a.label, rankedLabels) - rankOf(b.label, rankedLabels));

  const points: string[] = [];
  const seen = new Set<string>();
  for (const answer of ordered) {
    for (const point of pointsOf(answer.text).slice(0, 3)) {
      const key = point.toLowerCase().slice(0, 40);
      if (seen.has(key)) continue;
      seen.add(key);
      points.push(point);
    }
  }
  const code = ordered.map((answer) => /```[\s\S]*?```/.exec(answer.text)?.[0]).find(Boolean);

  const parts = [INTROS[Math.floor(random() * INTROS.length)].replace('{0}', topic)];
  if (points.length > 0) parts.push(points.slice(0, 6).map((point) => `- ${point}`).join('\n'));
  if (code) parts.push(code);
  parts.push(
    answers.length > 1
      ? `Where the answers differed, the better-supported view is kept above; check the details against your own case before relying on them.`
      : 'Check the details against your own case before relying on them.',
  );
  return parts.join('\n\n');
}

function rankOf(label: string, rankedLabels: string[]): number {
  const index = rankedLabels.indexOf(label);
  return index < 0 ? rankedLabels.length : index;
}

/** Sentences and list items of an answer, without headings or code. */
function pointsOf(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '\n');
  return prose
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .map((line) => line.replace(/^\s*([-*]|\d+\.)\s+/, '').trim())
    .flatMap((line) => sentencesOf(line))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 20 && !sentence.endsWith(':'));
}

/**
 * The sentences of a line (each ending in `.`, `!` or `?`); the whole line when it has no such end. A scan, not
 * `/[^.!?]+[.!?]/g`: that pattern retries from every character of a long run without an ending (quadratic).
 */
function sentencesOf(line: string): string[] {
  const sentences: string[] = [];
  let from = 0;
  for (let i = 0; i < line.length; i++) {
    if (!'.!?'.includes(line[i])) continue;
    if (i > from) sentences.push(line.slice(from, i + 1));
    from = i + 1;
  }
  return sentences.length > 0 ? sentences : line ? [line] : [];
}
