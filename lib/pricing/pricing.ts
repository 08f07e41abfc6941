import type { TokenUsage } from '@/lib/council/chat-model';

/** A model's list price, in US dollars per million tokens, as written in the config file. */
export interface Pricing {
  inputPerMTok: number;
  outputPerMTok: number;
}

/**
 * What a call cost, computed from the configured price. `undefined` when the model has no price:
 * an unknown cost must not be shown as free.
 */
export function costUsd(usage: TokenUsage, pricing?: Pricing): number | undefined {
  if (!pricing) return undefined;
  return (usage.input * pricing.inputPerMTok + usage.output * pricing.outputPerMTok) / 1_000_000;
}
