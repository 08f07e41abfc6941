/**
 * Reads a judge's reply: its critique and its final ranking. Strict about what counts as a valid
 * ranking (every label exactly once, nothing else), tolerant about how it is written (markdown,
 * case, "Response A" or "A", a JSON object in a code fence or the classic "FINAL RANKING:" list).
 */
import { findJsonRanking } from './parse-ranking-json';
import { findListRanking } from './parse-ranking-list';

export interface ParsedRanking {
  /** Labels as the judge wrote them, best first (normalised to upper case; may hold unknown or repeated labels). */
  order: string[];
  /** True when `order` names every label exactly once and nothing else. */
  valid: boolean;
  /** Why the ranking is invalid, in words a user can read; empty when valid. */
  problems: string[];
  /** The judge's text before its final ranking (the whole reply when no ranking was found). */
  critique: string;
}

/**
 * Parses a judge's reply. The ranking that comes LAST wins: a JSON object `{"ranking": [...]}`
 * (preferred format, possibly in a ```json fence) or a "FINAL RANKING:" numbered list, so anything
 * quoted earlier in the critique is ignored.
 */
export function parseRanking(text: string, labels: string[]): ParsedRanking {
  if (text.trim() === '') return { order: [], valid: false, problems: ['The judge returned no text.'], critique: '' };

  const json = findJsonRanking(text);
  const list = findListRanking(text);
  const found = json && (!list || json.start >= list.start) ? json : list;
  if (!found) {
    return { order: [], valid: false, problems: ['No final ranking was found in the reply.'], critique: text.trim() };
  }

  const known = new Set(labels.map((label) => label.toUpperCase()));
  const problems: string[] = [];
  const order: string[] = [];
  found.items.forEach((item, index) => {
    const label = readLabel(item, known);
    if (label === null) problems.push(`Item ${index + 1} ("${clip(item)}") names no response label.`);
    else order.push(label);
  });
  problems.push(...checkOrder(order, [...known]));
  return { order, valid: problems.length === 0, problems, critique: text.slice(0, found.start).trim() };
}

/** "Response A", "**response a**", "Answer A", "A", "A." or "C - strong on detail" → the label, upper case. */
function readLabel(item: string, known: Set<string>): string | null {
  const plain = item.replace(/[*_`"'[\]()]/g, ' ').trim();
  const named = /\b(?:response|answer|option|candidate)\s+([a-z]{1,3})\b/i.exec(plain);
  if (named) return named[1].toUpperCase();
  const first = /^([a-z]{1,3})\b/i.exec(plain);
  if (first && known.has(first[1].toUpperCase())) return first[1].toUpperCase();
  // A lone short token is still a label, even if not one we showed: it is reported as unknown.
  if (first && /^[A-Z]{1,2}$/.test(first[1]) && plain.length <= 3) return first[1];
  return null;
}

function checkOrder(order: string[], labels: string[]): string[] {
  const problems: string[] = [];
  const expected = new Set(labels);
  const seen = new Set<string>();
  for (const label of order) {
    if (!expected.has(label)) problems.push(`Unknown label "${label}".`);
    else if (seen.has(label)) problems.push(`Label "${label}" is ranked more than once.`);
    seen.add(label);
  }
  const missing = labels.filter((label) => !seen.has(label));
  if (missing.length > 0) problems.push(`Missing ${missing.map((label) => `"${label}"`).join(', ')}.`);
  return problems;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
