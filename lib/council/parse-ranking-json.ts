/** Finds the last JSON object of the form {"ranking": [...]} in a judge's reply. */
import { z } from 'zod';

/** Extra keys are allowed (judges like to add "reasoning"); the ranking itself must be a list of strings. */
const rankingJson = z.object({ ranking: z.array(z.string()) });

export interface FoundJsonRanking {
  items: string[];
  /** Where the ranking starts (the opening code fence if it sits in one): the critique ends here. */
  start: number;
}

/** Bounds the work on pathological input: judges' replies are short, and their JSON is near the end. */
const MAX_CANDIDATES = 200;

/**
 * Scans the `{` in `text` from the last backwards and returns the last one that opens a
 * well-formed JSON object with a `ranking` array. Walking backwards finds inner objects first, but
 * an inner object without `ranking` is skipped, so `{"ranking": [...], "meta": {...}}` is found.
 */
export function findJsonRanking(text: string): FoundJsonRanking | null {
  let from = text.length;
  for (let tries = 0; tries < MAX_CANDIDATES && from > 0; tries++) {
    // `from > 0`: lastIndexOf with a negative start searches from 0, so a `{` at index 0 would be tried
    // again and again until MAX_CANDIDATES ran out.
    const open = text.lastIndexOf('{', from - 1);
    if (open < 0) return null;
    from = open;
    const close = matchingBrace(text, open);
    if (close < 0) continue;
    const parsed = rankingJson.safeParse(parseLoosely(text.slice(open, close + 1)));
    if (parsed.success) return { items: parsed.data.ranking, start: codeFenceStart(text, open) };
  }
  return null;
}

/**
 * JSON.parse, then a second try that forgives the two slips models make most: single quotes and
 * trailing commas. The shape is still checked strictly by zod afterwards.
 */
function parseLoosely(candidate: string): unknown {
  try {
    return JSON.parse(candidate);
  } catch {
    if (!/ranking/.test(candidate)) return undefined;
    const repaired = candidate.replace(/'([^'"\\]*)'/g, '"$1"').replace(/,\s*([\]}])/g, '$1');
    try {
      return JSON.parse(repaired);
    } catch {
      return undefined;
    }
  }
}

/** Index of the `}` that closes the `{` at `open`, honouring JSON strings; -1 if unbalanced. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** If the object at `open` sits in a ``` code fence (```json …), the fence's start; else `open`. */
function codeFenceStart(text: string, open: number): number {
  const before = text.slice(0, open);
  const match = /(?:^|\n)[ \t]*(```|~~~)[\w-]*[ \t]*\n\s*$/.exec(before);
  if (!match) return open;
  return match.index + (match[0].startsWith('\n') ? 1 : 0);
}
