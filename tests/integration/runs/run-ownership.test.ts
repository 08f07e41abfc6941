import { describe, expect, it, vi } from 'vitest';
import type { Identity } from '@/lib/access/identity';
import { PERSONAL } from '@/lib/access/identity';
import { MemoryRunFanout } from '@/lib/runs/memory-run-fanout';
import { mayAccessRun } from '@/lib/runs/run-access';
import { RunHubs } from '@/lib/runs/run-hubs';
import { LiveRuns } from '@/lib/server/live-runs';
import type { Store, StoredRun } from '@/lib/store/store';
import { ManualEvents } from '../../unit/runs/hub-fixture';

vi.mock('server-only', () => ({}));

const key = (keyId: string, admin = false): Identity => ({ kind: 'key', keyId, name: keyId, admin, limits: {}, tiers: null, via: 'bearer' });
const RUN = '00000000-0000-4000-8000-000000000001';
const STORED = '00000000-0000-4000-8000-000000000002';

/** A store holding one finished run owned by key k1 (the field the store gets with access keys). */
function storeWithOwnedRun(): Store {
  const run = { id: STORED, conversationId: 'c', tier: 't', question: 'q', status: 'completed', totals: null, finalText: 'x', startedAt: '', endedAt: '', ownerKeyId: 'k1', instanceId: null } as StoredRun;
  return { getRun: async (id: string) => (id === STORED ? run : null), listEvents: async () => [] } as unknown as Store;
}

async function setup() {
  const { runEventsResponse } = await import('@/lib/runs/run-events-response');
  const { runCancelResponse } = await import('@/lib/runs/run-cancel-response');
  const hubs = new RunHubs(new MemoryRunFanout(), 60_000);
  const liveRuns = new LiveRuns();
  const source = new ManualEvents(RUN);
  const cancel = vi.fn();
  hubs.start({ runId: RUN, ownerKeyId: 'k1', events: source, cancel });
  liveRuns.add({ runId: RUN, ownerKeyId: 'k1', source: 'web', cancel, done: new Promise(() => undefined) });
  const store = storeWithOwnedRun();
  const follow = (identity: Identity, id: string) =>
    runEventsResponse(new Request(`http://127.0.0.1/api/runs/${id}/events`), id, { identity, hubs, openStore: async () => store });
  const stop = (identity: Identity, id: string) => runCancelResponse(id, { identity, liveRuns, fanout: hubs.fanout, openStore: async () => store });
  return { follow, stop, cancel, source };
}

describe('only the owner of a run follows or cancels it', () => {
  it('decides by the identity: personal mode and admins see every run, a key only its own', () => {
    expect(mayAccessRun(PERSONAL, 'k1')).toBe(true);
    expect(mayAccessRun(PERSONAL, null)).toBe(true);
    expect(mayAccessRun(key('k1'), 'k1')).toBe(true);
    expect(mayAccessRun(key('k2'), 'k1')).toBe(false);
    expect(mayAccessRun(key('k2'), null)).toBe(false);
    expect(mayAccessRun(key('k9', true), 'k1')).toBe(true);
  });

  it('answers 404 to another key, live or stored, exactly as for a run that does not exist; the owner gets it', async () => {
    const { follow, stop, cancel, source } = await setup();
    for (const id of [RUN, STORED]) {
      expect((await follow(key('k2'), id)).status).toBe(404);
      expect((await stop(key('k2'), id)).status).toBe(404);
    }
    expect(cancel).not.toHaveBeenCalled();
    const own = await follow(key('k1'), RUN);
    expect(own.status).toBe(200);
    await own.body?.cancel();
    expect((await follow(key('k1'), STORED)).status).toBe(200);
    expect((await stop(key('k1'), RUN)).status).toBe(202);
    expect(cancel).toHaveBeenCalledTimes(1);
    source.end();
  });
});
