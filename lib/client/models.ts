/** The models the caller may put on a council, as GET /api/models lists them, with prices. */
import type { Pricing } from '@/lib/pricing/pricing';

export interface ModelInfo {
  id: string;
  label: string;
  provider: string;
  pricing: Pricing;
}

export interface ModelsResponse {
  models: ModelInfo[];
  /** Attempts per call the server allows (the worst case pays for each). */
  maxAttempts: number;
}

/** Loads the models; throws an Error with the server's message when it cannot. */
export async function fetchModels(options: { fetch?: typeof fetch; signal?: AbortSignal } = {}): Promise<ModelsResponse> {
  const response = await (options.fetch ?? fetch)('/api/models', { signal: options.signal, cache: 'no-store' });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: unknown } | null)?.error;
    throw new Error(typeof error === 'string' ? error : `Could not load the models (${response.status}).`);
  }
  const { models, maxAttempts } = (body ?? {}) as Partial<ModelsResponse>;
  if (!Array.isArray(models) || !models.every((m) => typeof m?.id === 'string' && typeof m.pricing?.inputPerMTok === 'number')) {
    throw new Error('The server sent models this page cannot read.');
  }
  return { models, maxAttempts: typeof maxAttempts === 'number' ? maxAttempts : 1 };
}
