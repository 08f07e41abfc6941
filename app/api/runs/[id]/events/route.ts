import { withIdentity } from '@/lib/access/request-identity';
import { getRunHubs } from '@/lib/runs/get-run-hubs';
import { runEventsResponse } from '@/lib/runs/run-events-response';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

interface Context {
  params: Promise<{ id: string }>;
}

/** Replays a run's events after `Last-Event-ID` (or `?after=`) and follows it live, from any instance. */
export async function GET(request: Request, context: Context): Promise<Response> {
  const { id } = await context.params;
  return withIdentity(request, (identity) => runEventsResponse(request, id, { identity, hubs: getRunHubs(), openStore: getStore }));
}
