/**
 * Storage going away never stops a council: the store failing at open or in the middle of a run leaves the run
 * going, and the client hears `warning` `not_saved` in sequence (seq stays contiguous).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PERSONAL } from '@/lib/access/identity';
import type { CouncilEvent } from '@/lib/council/events';
import { startCouncilRun } from '@/lib/server/council-pipeline';
import { openStore } from '@/lib/store/open-store';
import type { Store } from '@/lib/store/store';
import { councilRequest, fastSimModel, loadRoutes, readEvents } from '../api/route-harness';

vi.mock('server-only', () => ({}));

// Slow enough that the recorder flushes (every 50 ms) several times before the run ends.
const paced = (id: string) => fastSimModel(id, { firstTokenMs: 30, tokensPerSecond: 400 });
const CONFIG = {
  models: [paced('sim-a'), paced('sim-b')],
  tiers: [{ id: 'pair', council: ['sim-a', 'sim-b'], chairman: 'sim-a' }],
  defaultTier: 'pair',
};

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

function expectContiguous(events: CouncilEvent[]): void {
  expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
}

/** A real SQLite store whose writes start failing after `okWrites` batches, as a database that goes away. */
function failingAfter(store: Store, okWrites: number): Store & { failures: number } {
  let writes = 0;
  const wrapper = Object.create(store) as Store & { failures: number };
  wrapper.failures = 0;
  wrapper.writeBatch = async (batch) => {
    if (writes++ >= okWrites) {
      wrapper.failures++;
      throw new Error('connection terminated unexpectedly');
    }
    return store.writeBatch(batch);
  };
  return wrapper;
}

describe('a council when storage fails', () => {
  it('runs to the end unsaved when the store cannot be opened, and says not_saved right after run.started', async () => {
    // Nothing listens on port 1: the open fails at once.
    const routes = await loadRoutes(CONFIG, { DATABASE_URL: 'postgres://quorum:secret@127.0.0.1:1/quorum' });
    cleanups.push(routes.cleanup);
    const response = await routes.council.POST(councilRequest({ question: 'Will this be saved?' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-conversation-id')).toBeNull();
    const { events } = await readEvents(response, (seen) => seen.at(-1)?.type === 'run.completed');
    expect(events.slice(0, 2).map((event) => event.type)).toEqual(['run.started', 'warning']);
    expect(events[1]).toMatchObject({ code: 'not_saved' });
    expectContiguous(events);

    const health = await (await routes.health.GET()).json();
    expect(health).toMatchObject({ ok: true, status: 'degraded', store: { kind: 'postgres', ok: false } });
  });

  it('goes on when writes start failing mid-run: the client gets the answer and one not_saved, in sequence', async () => {
    const routes = await loadRoutes(CONFIG);
    cleanups.push(routes.cleanup);
    const dir = mkdtempSync(path.join(tmpdir(), 'quorum-failing-store-'));
    const real = await openStore({ dataDir: dir });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => real.close());
    const store = failingAfter(real, 1);

    const started = await startCouncilRun(
      { identity: PERSONAL, source: 'web', question: 'Will this be saved?', signal: new AbortController().signal },
      { service: routes.service.getCouncilService(), openStore: async () => store },
    );
    if (!started.ok) throw new Error(started.refusal.message);
    const events: CouncilEvent[] = [];
    for await (const event of started.run.events) events.push(event);

    expect(store.failures).toBeGreaterThan(0);
    expect(events.at(-1)?.type).toBe('run.completed');
    const warnings = events.filter((event) => event.type === 'warning' && event.code === 'not_saved');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].seq).toBeLessThan(events.at(-1)!.seq);
    expectContiguous(events);
    // What was saved stops where the store failed; the run is not marked completed.
    expect((await real.getRun(started.run.runId))?.status).toBe('running');
  });

  it('reports a working store as ok in /api/health', async () => {
    const routes = await loadRoutes(CONFIG);
    cleanups.push(routes.cleanup);
    const health = await (await routes.health.GET()).json();
    expect(health).toMatchObject({ ok: true, status: 'ok', store: { kind: 'sqlite', ok: true } });
  });
});
