import { withIdentityAs } from '@/lib/access/with-identity-as';
import { modelsList } from '@/lib/service/openai/models-list';
import { getCouncilService } from '@/lib/server/council-service';
import { withService } from '@/lib/server/service-or-error';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** When this process started: the `created` of every model it lists (tiers come from its config). */
const CREATED = Math.floor(Date.now() / 1000);

/** The councils this caller may ask, as OpenAI models (DESIGN.md §6): tiers that can run and the key may use. */
export async function GET(request: Request): Promise<Response> {
  return withIdentityAs('/v1/models', request, async (identity) =>
    withService(getCouncilService, (service) => {
      const allowed = identity.kind === 'key' && identity.tiers ? new Set(identity.tiers) : null;
      const tiers = service.tiers().filter((tier) => tier.available !== false && (!allowed || allowed.has(tier.id)));
      return Response.json(modelsList(tiers, CREATED), { headers: { 'cache-control': 'no-store' } });
    }),
  );
}
