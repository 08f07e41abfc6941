import type { Sourced } from './merge-by-id';
import type { ModelConfig, ProviderConfig, TierConfig } from './schema';

/** Every cross-reference in the merged config, checked; each problem names the field path. */
export function checkReferences(
  providers: Sourced<ProviderConfig>[],
  models: Sourced<ModelConfig>[],
  tiers: Sourced<TierConfig>[],
  defaultTier: { value: string; path: string },
): string[] {
  const problems: string[] = [];
  const providerIds = new Set(providers.map((p) => p.value.id));
  const modelIds = new Set(models.map((m) => m.value.id));

  for (const { value: model, path } of models) {
    if (!providerIds.has(model.provider)) {
      problems.push(`${path}.provider: unknown provider "${model.provider}" (known: ${[...providerIds].join(', ')})`);
    }
  }
  const checkModel = (id: string, field: string) => {
    if (!modelIds.has(id)) problems.push(`${field}: unknown model "${id}"`);
  };
  for (const { value: tier, path } of tiers) {
    tier.council.forEach((id, index) => checkModel(id, `${path}.council[${index}]`));
    checkModel(tier.chairman, `${path}.chairman`);
    (tier.fallbackChairmen ?? []).forEach((id, index) => checkModel(id, `${path}.fallbackChairmen[${index}]`));
    if (tier.minAnswers !== undefined && tier.minAnswers > tier.council.length) {
      problems.push(`${path}.minAnswers: ${tier.minAnswers} is more than the ${tier.council.length} council members`);
    }
  }
  const tierIds = tiers.map((t) => t.value.id);
  if (!tierIds.includes(defaultTier.value)) {
    problems.push(`${defaultTier.path}: unknown tier "${defaultTier.value}" (valid: ${tierIds.join(', ')})`);
  }
  return problems;
}

/** The models a tier calls: council, chairman and fallbacks, each once. */
export function tierModelIds(tier: Pick<TierConfig, 'council' | 'chairman' | 'fallbackChairmen'>): string[] {
  return [...new Set([...tier.council, tier.chairman, ...(tier.fallbackChairmen ?? [])])];
}
