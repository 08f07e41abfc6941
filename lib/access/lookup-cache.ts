/**
 * A short-lived memo of key and session lookups. Revocation must take effect within 5 s on every instance
 * (DESIGN.md §5), so an entry lives at most TTL_MS; it only saves repeated queries within a burst of requests.
 */
export const LOOKUP_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

export class LookupCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(private readonly ttlMs = LOOKUP_TTL_MS) {}

  async get(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    const value = await load();
    // Bounded: a flood of made-up keys must not grow memory without end.
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
