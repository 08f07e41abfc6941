import { withIdentity } from '@/lib/access/request-identity';
import { getRunHubs } from '@/lib/runs/get-run-hubs';
import { runCancelResponse } from '@/lib/runs/run-cancel-response';
import { getLiveRuns } from '@/lib/server/live-runs';
import { getStore } from '@/lib/store/get-store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

interface Context {
  params: Promise<{ id: string }>;
}

/** Cancels a run at once, whichever instance executes it (the Stop button). */
export async function POST(request: Request, context: Context): Promise<Response> {
  const { id } = await context.params;
  return withIdentity(request, (identity) =>
    runCancelResponse(id, { identity, liveRuns: getLiveRuns(), fanout: getRunHubs().fanout, openStore: getStore }),
  );
}
