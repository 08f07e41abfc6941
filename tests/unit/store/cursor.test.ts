import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCursor, encodeCursor } from '@/lib/store/cursor';
import { InvalidCursorError } from '@/lib/store/store';

describe('conversation cursors', () => {
  it('decode what they encode', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 45 }), fc.string({ minLength: 1 }), (updatedAtMs, id) => {
        expect(decodeCursor(encodeCursor({ updatedAtMs, id }))).toEqual({ updatedAtMs, id });
      }),
    );
  });

  it('reject anything else as an InvalidCursorError', () => {
    for (const bad of ['', '!!!', Buffer.from('[1]').toString('base64url'), Buffer.from('[1.5,"a"]').toString('base64url'), Buffer.from('[1,""]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(InvalidCursorError);
    }
  });
});
