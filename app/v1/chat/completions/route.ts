import { PERSONAL } from '@/lib/access/identity';
import { parseEnv } from '@/lib/config/env';
import { chatCompletionsResponse } from '@/lib/service/openai/chat-completions';
import { getCouncilService } from '@/lib/server/council-service';
import { getLiveRuns } from '@/lib/server/live-runs';
import { withService } from '@/lib/server/service-or-error';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** OpenAI-compatible chat completions answered by the council (DESIGN.md §6). */
export async function POST(request: Request): Promise<Response> {
  return withService(getCouncilService, (service) =>
    chatCompletionsResponse(request, {
      identity: PERSONAL,
      deps: { service, openStore: getStore, liveRuns: getLiveRuns() },
      heartbeatMs: parseEnv().QUORUM_HEARTBEAT_MS,
    }),
  );
}
