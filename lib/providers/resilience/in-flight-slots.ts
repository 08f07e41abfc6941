/**
 * The count of calls in flight to one provider across every instance (DESIGN.md §7: per-provider in-flight
 * limits shared). A slot is taken under a key up to a maximum and given back by its token; Redis keeps the
 * count in lib/redis/redis-in-flight-slots.ts. Without Redis the local Bulkhead's own count is the only one.
 */
export interface InFlightSlots {
  /** A token when one of `max` slots under `key` was free and is now ours; null when all are taken. Rejects when the shared count cannot be reached. */
  tryAcquire(key: string, max: number): Promise<string | null>;
  /** Gives the slot back; a token already given back changes nothing. */
  release(key: string, token: string): void;
}
