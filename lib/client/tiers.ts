/** The tiers as GET /api/tiers describes them: who sits on each council, never a key. */
import type { StageName } from '@/lib/council/policy';

export interface TierInfo {
  id: string;
  label: string;
  /** One line on what the tier trades. */
  description: string;
  members: string[];
  chairman: string;
  /** Absent from older servers. */
  fallbackChairmen?: string[];
  /** The most each call may write, per stage (absent from older servers). */
  maxTokens?: Record<StageName, number>;
  /** True when the tier runs on the built-in simulated provider. */
  simulated: boolean;
  /** False when the server lacks a key this tier needs (older servers leave it out: available). */
  available?: boolean;
  /** Why an unavailable tier cannot run, e.g. "Needs OPENAI_API_KEY set on the server." */
  unavailableReason?: string;
}

export interface TiersResponse {
  defaultTier: string;
  /** True when no API key is set and every answer is simulated. */
  simulated: boolean;
  tiers: TierInfo[];
  /** Start-up warnings: tiers waiting for a key, a default tier that was replaced. */
  warnings?: string[];
}

/** Loads the tiers; throws an Error with the server's message when it cannot. */
export async function fetchTiers(options: { fetch?: typeof fetch; signal?: AbortSignal } = {}): Promise<TiersResponse> {
  const response = await (options.fetch ?? fetch)('/api/tiers', { signal: options.signal, cache: 'no-store' });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: unknown } | null)?.error;
    throw new Error(typeof error === 'string' ? error : `Could not load the tiers (${response.status}).`);
  }
  if (!isTiersResponse(body)) throw new Error('The server sent tiers this page cannot read.');
  return body;
}

function isTiersResponse(body: unknown): body is TiersResponse {
  if (typeof body !== 'object' || body === null) return false;
  const { defaultTier, tiers } = body as Partial<TiersResponse>;
  return typeof defaultTier === 'string' && Array.isArray(tiers) && tiers.every((t) => typeof t?.id === 'string' && Array.isArray(t.members));
}
