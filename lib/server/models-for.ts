import type { Identity } from '@/lib/access/identity';
import type { CouncilService, ModelSummary } from './council-service-types';

/**
 * The models this caller may put on a council (GET /api/models, and what a custom council is checked against):
 * every model that can run, or, for a key limited to some tiers, the runnable models of those tiers.
 */
export function modelsFor(service: CouncilService, identity: Identity): ModelSummary[] {
  const runnable = service.models().filter((model) => model.runnable);
  if (identity.kind !== 'key' || identity.tiers === null) return runnable;
  const allowed = new Set<string>();
  for (const tier of identity.tiers) {
    if (!service.hasTier(tier)) continue;
    const council = service.tierCouncil(tier);
    for (const id of [...council.members, council.chairman, ...council.fallbackChairmen]) allowed.add(id);
  }
  return runnable.filter((model) => allowed.has(model.id));
}
