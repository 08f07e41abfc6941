import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@/lib/council/policy';
import { seededRandom } from '@/lib/council/random';
import { runCouncil } from '@/lib/council/run-council';
import { createSimulatedModel } from '@/lib/providers/simulated';
import { collectEvents } from '@/tests/support/collect-events';
import { FakeClock } from '@/tests/support/fake-clock';
import { sleepOn } from '@/tests/support/scripted-model';
import { ofType } from './council-fixture';

/** The engine with the real offline provider (on virtual time): its judges' rankings must parse. */
describe('runCouncil with the simulated provider', () => {
  it('runs a full council whose rankings are all valid', async () => {
    const clock = new FakeClock();
    const names = ['sim-swift', 'sim-sage', 'sim-thrift', 'sim-pico'];
    const models = new Map(
      names.map((name) => [name, createSimulatedModel({ id: name, model: name }, { sleep: (ms, signal) => sleepOn(clock, ms, signal) })]),
    );
    const events = await collectEvents(
      runCouncil(
        {
          runId: 'sim',
          question: 'How do vaccines train the immune system?',
          tier: 'balanced',
          members: names,
          chairman: 'sim-sage',
          fallbackChairmen: [],
          policy: DEFAULT_POLICY,
        },
        { model: (id) => models.get(id)!, clock, random: seededRandom(3) },
      ),
      clock,
    );
    const end = events[events.length - 1];
    expect(end).toMatchObject({ type: 'run.completed', chairman: 'sim-sage', degraded: false });
    const parsed = ofType(events, 'ranking.parsed');
    expect(parsed.length).toBeGreaterThanOrEqual(2);
    expect(parsed.every((r) => r.valid)).toBe(true);
  });
});
