import type { TierSummary } from '@/lib/server/council-service-types';

/** `GET /v1/models`: every tier as the model `quorum/<tier>`, plus `quorum` for the default tier. */
export function modelsList(tiers: TierSummary[], created: number) {
  const entry = (id: string) => ({ id, object: 'model', created, owned_by: 'quorum' });
  return { object: 'list', data: [entry('quorum'), ...tiers.map((tier) => entry(`quorum/${tier.id}`))] };
}
