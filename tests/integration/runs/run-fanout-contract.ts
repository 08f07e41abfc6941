import { describe, expect, it } from 'vitest';
import type { CouncilEvent } from '@/lib/council/events';
import type { CancelReason } from '@/lib/council/run-cancellation';
import type { RunFanout } from '@/lib/runs/run-fanout';

/** Two instances' fan-outs (the same object in-process: there is only one instance). */
export interface FanoutPair {
  owner: RunFanout;
  other: RunFanout;
  /** True when `other` is another instance (Redis): remote followers are counted. */
  remote: boolean;
}

const RUN = '00000000-0000-4000-8000-00000000000a';
const OTHER_RUN = '00000000-0000-4000-8000-00000000000b';

function delta(runId: string, seq: number): CouncilEvent {
  return { type: 'member.delta', runId, seq, t: seq, stage: 1, model: 'm', text: `${seq}` };
}

async function until(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The contract every RunFanout holds (hono's runTest idea: one suite, every implementation). */
export function runFanoutContract(name: string, makePair: () => Promise<FanoutPair & { close(): Promise<void> }>) {
  describe(`RunFanout contract: ${name}`, () => {
    it('delivers every event of the followed run, in order, once, and nothing of other runs', async () => {
      const pair = await makePair();
      try {
        const seen: number[] = [];
        const unsubscribe = await pair.other.subscribe(RUN, (event) => seen.push(event.seq));
        for (let seq = 1; seq <= 50; seq += 1) {
          pair.owner.publish(delta(RUN, seq));
          pair.owner.publish(delta(OTHER_RUN, seq));
        }
        await until(() => seen.length >= 50);
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        unsubscribe();
      } finally {
        await pair.close();
      }
    });

    it('delivers to a follower on the publishing instance too, exactly once', async () => {
      const pair = await makePair();
      try {
        const seen: number[] = [];
        const unsubscribe = await pair.owner.subscribe(RUN, (event) => seen.push(event.seq));
        pair.owner.publish(delta(RUN, 1));
        pair.owner.publish(delta(RUN, 2));
        await until(() => seen.length >= 2);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(seen).toEqual([1, 2]);
        unsubscribe();
      } finally {
        await pair.close();
      }
    });

    it('stops delivering once unsubscribed', async () => {
      const pair = await makePair();
      try {
        const seen: number[] = [];
        const unsubscribe = await pair.other.subscribe(RUN, (event) => seen.push(event.seq));
        pair.owner.publish(delta(RUN, 1));
        await until(() => seen.length === 1);
        unsubscribe();
        await new Promise((resolve) => setTimeout(resolve, 50));
        pair.owner.publish(delta(RUN, 2));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(seen).toEqual([1]);
      } finally {
        await pair.close();
      }
    });

    it('relays a cancel to the instance that runs the run', async () => {
      const pair = await makePair();
      try {
        const cancels: [string, CancelReason][] = [];
        pair.owner.onCancel((runId, reason) => cancels.push([runId, reason]));
        await pair.other.relayCancel(RUN, 'cancelled');
        await until(() => cancels.length > 0);
        expect(cancels).toEqual([[RUN, 'cancelled']]);
      } finally {
        await pair.close();
      }
    });

    it('counts the followers another instance holds on a run', async () => {
      const pair = await makePair();
      try {
        expect(await pair.owner.remoteFollowers(RUN)).toBe(0);
        const first = await pair.other.subscribe(RUN, () => undefined);
        const second = await pair.other.subscribe(RUN, () => undefined);
        expect(await pair.owner.remoteFollowers(RUN)).toBe(pair.remote ? 1 : 0);
        first();
        expect(await pair.owner.remoteFollowers(RUN)).toBe(pair.remote ? 1 : 0);
        second();
        await until(() => true);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(await pair.owner.remoteFollowers(RUN)).toBe(0);
      } finally {
        await pair.close();
      }
    });
  });
}
