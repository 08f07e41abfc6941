/** Conversation ids are UUIDs (DESIGN.md §5): anything else is a 400 before any lookup. */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** The stored form: lower case, so that one id written two ways is one conversation. */
export function normalizeUuid(value: string): string {
  return value.toLowerCase();
}
