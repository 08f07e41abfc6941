import type { Pricing } from '@/lib/pricing/pricing';

/** What every real vendor adapter is built from: its dependencies are passed in, never read from globals. */
export interface AdapterOptions {
  /** The configured model id (what the engine and the UI call it). */
  id: string;
  /** The vendor's name for the model, sent upstream (e.g. `openai/gpt-5.1`). */
  model: string;
  apiKey: string;
  /** E.g. `https://openrouter.ai/api/v1`, `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1`. */
  baseURL?: string;
  /** Used for the cost when the upstream does not report one. */
  pricing?: Pricing;
  /** Tests and custom pools hand in their own fetch; the global (pooled, keep-alive) one otherwise. */
  fetch?: typeof fetch;
  defaultHeaders?: Record<string, string>;
  /** Called for every HTTP response, success or error, so that a rate limiter can read its headers. */
  onResponse?: (info: { status: number; headers: Headers }) => void;
}
