import { getCouncilService } from '@/lib/server/council-service';
import { refuseRun } from '@/lib/server/refuse-run';
import { parseCouncilRequest } from '@/lib/server/council-request';
import { withService } from '@/lib/server/service-or-error';
import { sseResponse } from '@/lib/sse/sse-response';
import { beginConversationTurn } from '@/lib/store/council-conversation';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Starts a council run and streams its events (DESIGN.md §4); the client going away cancels it. */
export async function POST(request: Request): Promise<Response> {
  const parsed = await parseCouncilRequest(request);
  if (!parsed.ok) return parsed.response;
  return withService(getCouncilService, async (service) => {
    const tier = parsed.body.tier ?? service.defaultTier;
    const refusal = refuseRun(service, tier);
    if (refusal) return refusal;
    // The conversation (created on its first question) gives the run its history and records it; null when
    // storage is down, and the council then runs unrecorded.
    const turn = await beginConversationTurn(getStore, {
      conversationId: parsed.body.conversationId,
      question: parsed.body.question,
      maxTurns: service.config.history.maxTurns,
    });
    const run = service.startRun({ question: parsed.body.question, tier, history: turn?.history, signal: request.signal });
    const events = turn ? turn.record(run, tier) : run.events;
    const headers: Record<string, string> = { 'x-run-id': run.runId };
    if (turn) headers['x-conversation-id'] = turn.conversationId;
    return sseResponse(events, { signal: request.signal, headers });
  });
}
