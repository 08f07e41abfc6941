/**
 * Run by crash-safety.test.ts in its own process: records an endless run into the SQLite store in argv[2]
 * and prints `flushed <seq>` after every committed batch, until the test SIGKILLs it.
 * Bounded anyway (events and time) so that a test gone wrong never leaves it running.
 */
import type { CouncilEvent } from '@/lib/council/events';
import { openStore } from '@/lib/store/open-store';
import { recordRun } from '@/lib/store/run-recorder';
import { crashRunEvent } from './crash-events';

const MAX_EVENTS = 200_000;
const MAX_MS = 60_000;

async function main(): Promise<void> {
  // A short lease, so that the test's own instance sees it lapse soon after the kill.
  const store = await openStore({ dataDir: process.argv[2], lease: { ttlMs: 300, renewMs: 100 } });
  await store.createConversation({ id: 'crash', title: 'Crash', createdAt: new Date() });
  const writeBatch = store.writeBatch.bind(store);
  store.writeBatch = async (batch) => {
    await writeBatch(batch);
    const last = batch.events?.at(-1);
    if (last) process.stdout.write(`flushed ${last.seq}\n`);
  };
  const started = Date.now();
  async function* endless(): AsyncGenerator<CouncilEvent> {
    for (let seq = 1; seq <= MAX_EVENTS && Date.now() - started < MAX_MS; seq++) {
      yield crashRunEvent(seq);
      if (seq % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
  for await (const _event of recordRun(store, { runId: 'run-1', conversationId: 'crash', tier: 't', question: 'q' }, endless(), { flushIntervalMs: 10 })) {
    // Consumed like the SSE response would.
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
