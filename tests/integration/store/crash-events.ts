import type { CouncilEvent } from '@/lib/council/events';
import { DEFAULT_POLICY } from '@/lib/council/policy';

/** The deterministic event number `seq` of the crash test's run: run.started, then member traffic. */
export function crashRunEvent(seq: number): CouncilEvent {
  const base = { runId: 'run-1', seq, t: seq };
  if (seq === 1) {
    return { ...base, type: 'run.started', question: 'q', tier: 't', members: ['m'], chairman: 'm', fallbackChairmen: [], policy: DEFAULT_POLICY };
  }
  if (seq === 2) return { ...base, type: 'member.started', stage: 1, model: 'm', attempt: 1 };
  return { ...base, type: 'member.delta', stage: 1, model: 'm', text: `token ${seq} ` };
}
