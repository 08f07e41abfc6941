/** Words with their trailing whitespace, so that the joined tokens are exactly the content. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? [];
}

/** A rough token count for prompts: what matters in tests is that it is stable and non-zero. */
export function countTokens(messages: { content: string }[]): number {
  return messages.reduce((sum, m) => sum + tokenize(m.content).length, 0);
}
