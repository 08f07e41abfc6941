import { PERSONAL } from '@/lib/access/identity';
import { modelsList } from '@/lib/service/openai/models-list';
import { getCouncilService } from '@/lib/server/council-service';
import { withService } from '@/lib/server/service-or-error';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** When this process started: the `created` of every model it lists (tiers come from its config). */
const CREATED = Math.floor(Date.now() / 1000);

/** The councils this caller may ask, as OpenAI models (DESIGN.md §6). */
export async function GET(): Promise<Response> {
  const identity = PERSONAL;
  return withService(getCouncilService, (service) => {
    const allowed = identity.kind === 'key' && identity.tiers ? new Set(identity.tiers) : null;
    const tiers = service.tiers().filter((tier) => !allowed || allowed.has(tier.id));
    return Response.json(modelsList(tiers, CREATED), { headers: { 'cache-control': 'no-store' } });
  });
}
