/** The classic fallback format: a "FINAL RANKING:" header followed by a numbered list. */

export interface FoundListRanking {
  /** Each item's raw text after its number (or each inline entry), in order. */
  items: string[];
  /** Where the header's line starts: the critique ends here. */
  start: number;
}

// Tolerates markdown around the header ("**FINAL RANKING:**", "## Final ranking") and any case.
const HEADER = /^[ \t>#*_]*final[ \t]+ranking[ \t*_]*:?[ \t*_]*(.*)$/gim;
const ITEM = /^[ \t>]*[*_]*\(?(\d+)[.)\]:][*_]*[ \t]*(.*)$/;

/** Returns the LAST "FINAL RANKING" section, so one quoted earlier in the critique is ignored. */
export function findListRanking(text: string): FoundListRanking | null {
  let last: RegExpExecArray | null = null;
  for (const match of text.matchAll(HEADER)) last = match;
  if (!last) return null;

  const start = last.index;
  const inline = last[1].trim();
  // CRLF too: a `\r` left on each line would stop ITEM's `(.*)$` from matching.
  const rest = text.slice(start + last[0].length).split(/\r?\n/);
  const items: string[] = [];
  for (const line of rest) {
    if (line.trim() === '') {
      if (items.length > 0) break;
      continue;
    }
    const item = ITEM.exec(line);
    if (!item) break;
    items.push(item[2].trim());
  }
  // "FINAL RANKING: C > A > B" on one line, when no numbered list follows.
  if (items.length === 0 && inline !== '') items.push(...splitInline(inline));
  return { items, start };
}

/**
 * "C > A, B then D" → ["C", "A", "B", "D"]. Splits on the separators alone and trims each part: a separator
 * pattern with `\s*` around it is retried at every blank of a long run of blanks, which is quadratic.
 */
function splitInline(inline: string): string[] {
  return inline
    .split(/,|>|;|\bthen\b/i)
    .map((part) => part.trim())
    .filter(Boolean);
}
