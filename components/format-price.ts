import type { ModelInfo } from '@/lib/client/models';

/** A model's list price as the pickers show it: "$1.25 / $10 per M tokens", or "free" when it has none. */
export function formatPrice(model: Pick<ModelInfo, 'pricing'>): string {
  const { inputPerMTok, outputPerMTok } = model.pricing;
  if (inputPerMTok === 0 && outputPerMTok === 0) return 'no price';
  const money = (n: number) => `$${Number.isInteger(n) ? n : n.toFixed(2)}`;
  return `${money(inputPerMTok)} / ${money(outputPerMTok)} per M`;
}
