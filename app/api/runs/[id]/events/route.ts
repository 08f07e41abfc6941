import { PERSONAL } from '@/lib/access/identity';
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
  return runEventsResponse(request, id, { identity: PERSONAL, hubs: getRunHubs(), openStore: getStore });
}
