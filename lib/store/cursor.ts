import { InvalidCursorError } from './store';

/** Where a page of conversations stopped: the last item's updatedAt (ms) and id (ties broken by id). */
export interface ConversationCursor {
  updatedAtMs: number;
  id: string;
}

/** Opaque to clients: base64url JSON, so its shape can change without changing the API. */
export function encodeCursor(cursor: ConversationCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAtMs, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): ConversationCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === 'string' &&
      value[1].length > 0
    ) {
      return { updatedAtMs: value[0] as number, id: value[1] };
    }
  } catch {
    // Falls through to the error below: a cursor that does not parse is as invalid as one of the wrong shape.
  }
  throw new InvalidCursorError();
}
