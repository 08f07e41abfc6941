import { encodeCursor } from './cursor';
import { toConversation } from './row-mappers';
import type { Conversation, Page } from './store';

/** A page from `limit + 1` rows: the extra row only tells that there is a next page. */
export function pageOf(rows: Record<string, unknown>[], limit: number): Page<Conversation> {
  const items = rows.slice(0, limit).map(toConversation);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ updatedAtMs: Date.parse(last.updatedAt), id: last.id }) : null;
  return { items, nextCursor };
}
