/**
 * Child-process entry: serves a scripted council from its own process, so that a benchmark measures
 * the client side only (a real upstream does not share our CPU). Driven by council-upstream-process.ts.
 */
import { councilMemberBehaviour, type CouncilMemberScript } from './council-behaviour';
import { startFakeUpstream } from './server';
import type { FakeUpstream } from './types';

type Message = { type: 'start'; members: Record<string, CouncilMemberScript> } | { type: 'stats' } | { type: 'close' };

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
  } else {
    await upstream?.close();
    process.exit(0);
  }
}
