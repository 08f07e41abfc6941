import { withIdentityAs } from '@/lib/access/with-identity-as';
import { parseEnv } from '@/lib/config/env';
import { getPipelineLimits } from '@/lib/limits/get-pipeline-limits';
import { chatCompletionsResponse } from '@/lib/service/openai/chat-completions';
import { getCouncilService } from '@/lib/server/council-service';
import { getLiveRuns } from '@/lib/server/live-runs';
import { withService } from '@/lib/server/service-or-error';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** OpenAI-compatible chat completions answered by the council (DESIGN.md §6); same keys, limits and history. */
export async function POST(request: Request): Promise<Response> {
  return withIdentityAs('/v1/chat/completions', request, async (identity) =>
    withService(getCouncilService, (service) =>
      chatCompletionsResponse(request, {
        identity,
        deps: { service, openStore: getStore, liveRuns: getLiveRuns(), ...getPipelineLimits(service.config) },
        heartbeatMs: parseEnv().QUORUM_HEARTBEAT_MS,
      }),
    ),
  );
}
