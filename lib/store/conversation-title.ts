export const TITLE_MAX_CHARS = 60;
export const UNTITLED = 'New conversation';

/**
 * A conversation's title from its first question, without a model call: whitespace collapsed, cut at a word
 * boundary to at most TITLE_MAX_CHARS characters (an ellipsis included) when longer.
 */
export function titleFromQuestion(question: string, maxChars = TITLE_MAX_CHARS): string {
  const flat = question.replace(/\s+/g, ' ').trim();
  if (flat === '') return UNTITLED;
  const chars = Array.from(flat);
  if (chars.length <= maxChars) return flat;
  const head = chars.slice(0, maxChars - 1).join('');
  const lastSpace = head.lastIndexOf(' ');
  // Cut at the last word boundary unless that throws away most of the text (one very long word).
  const cut = lastSpace >= head.length / 2 ? head.slice(0, lastSpace) : head;
  return `${cut.replace(/[\s.,;:!?-]+$/, '')}…`;
}
