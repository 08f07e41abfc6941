/**
 * Child-process entry: serves a scripted council from its own process, so that a benchmark measures
 * the client side only (a real upstream does not share our CPU). Driven by council-upstream-process.ts.
 */
import { councilMemberBehaviour, type CouncilMemberScript } from './council-behaviour';
import { startFakeUpstream } from './server';
import type { FakeUpstream, RecordedRequest } from './types';
import type { UpstreamRequestTiming } from './council-upstream-process';

type Message =
  | { type: 'start'; members: Record<string, CouncilMemberScript> }
  | { type: 'stats' }
  | { type: 'timings' }
  | { type: 'close' };

let upstream: FakeUpstream | undefined;

process.on('message', (message: Message) => {
  void handle(message);
});

async function handle(message: Message): Promise<void> {
  if (message.type === 'start') {
    upstream = await startFakeUpstream();
    for (const [id, script] of Object.entries(message.members)) upstream.setScript(id, councilMemberBehaviour(id, script));
    process.send?.({ type: 'ready', url: upstream.url });
  } else if (message.type === 'stats') {
    const failed = upstream?.requests.filter((r) => r.status !== 200).length ?? 0;
    process.send?.({ type: 'stats', requests: upstream?.requests.length ?? 0, connectionsOpened: upstream?.connectionsOpened ?? 0, failed });
  } else if (message.type === 'timings') {
    process.send?.({ type: 'timings', requests: requestTimings(upstream?.requests ?? []) });
  } else {
    await upstream?.close();
    process.exit(0);
  }
}

/** Wall-clock times (comparable across processes on one machine) of every request, for latency figures. */
function requestTimings(requests: RecordedRequest[]): UpstreamRequestTiming[] {
  return requests.map((r) => ({
    model: r.model,
    status: r.status ?? 0,
    body: JSON.stringify(r.body ?? null).slice(0, 4_000),
    arrivedWall: performance.timeOrigin + r.arrivedAt,
    endedWall: r.endedAt === undefined ? null : performance.timeOrigin + r.endedAt,
  }));
}
