/** Splits text into token-sized pieces (a word with its leading space; long words in parts) for streaming. */
export function tokenize(text: string): string[] {
  const pieces: string[] = [];
  for (const word of text.match(/\s*\S+|\s+/g) ?? []) {
    for (let i = 0; i < word.length; i += 8) pieces.push(word.slice(i, i + 8));
  }
  return pieces;
}

/** Vendors count roughly four characters of English per token. */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
