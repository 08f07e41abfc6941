/** How member.* events change one member's part in one stage (and the streamed final answer in stage 3). */
import type { TokenUsage } from '@/lib/council/chat-model';
import type { EventOf } from '@/lib/council/events';
import type { MemberStageState, RunState } from './run-state';
import { STAGES, withMember } from './run-state-helpers';

type MemberEvent = EventOf<'member.started' | 'member.delta' | 'member.retrying' | 'member.completed' | 'member.failed'>;

const SETTLED = new Set(['done', 'failed', 'cut']);

export function applyMemberEvent(state: RunState, event: MemberEvent): RunState {
  const next = withMember(state, event.stage, event.model, (m) => updateMember(m, event));
  return event.stage === 3 ? followFinalAnswer(next, event) : next;
}

function updateMember(m: MemberStageState, event: MemberEvent): MemberStageState {
  // A settled member stays settled: a delta that raced its own completion must not reopen it.
  if (SETTLED.has(m.status) && event.type !== 'member.completed' && event.type !== 'member.failed') return m;
  switch (event.type) {
    case 'member.started':
      return {
        ...m,
        status: m.status === 'retrying' ? 'retrying' : 'streaming',
        attempt: event.attempt,
        startMs: m.startMs ?? event.t,
        promptTokens: event.promptTokens ?? m.promptTokens,
      };
    case 'member.delta':
      return {
        ...m,
        status: 'streaming',
        text: m.text + event.text,
        startMs: m.startMs ?? event.t,
        firstTokenMs: m.firstTokenMs ?? event.t,
      };
    case 'member.retrying':
      // The failed attempt's partial text is discarded: the next attempt starts from nothing.
      return {
        ...m,
        status: 'retrying',
        text: '',
        firstTokenMs: null,
        startMs: m.startMs ?? event.t,
        retries: [...m.retries, { t: event.t, attempt: event.attempt, delayMs: event.delayMs, reason: event.reason }],
        spent: addSpend(m.spent, event.usage, event.costUsd),
      };
    case 'member.completed':
      return {
        ...m,
        status: 'done',
        text: event.text,
        usage: event.usage,
        costUsd: event.costUsd ?? null,
        startMs: event.timing?.startMs ?? m.startMs,
        queuedMs: queuedOf(event.timing, m.queuedMs),
        firstTokenMs: event.timing?.firstTokenMs ?? m.firstTokenMs,
        endMs: event.timing?.endMs ?? event.t,
        attempts: event.attempts,
        spent: addSpend(m.spent, event.usage, event.costUsd),
      };
    case 'member.failed':
      return {
        ...m,
        status: event.reason === 'straggler' ? 'cut' : 'failed',
        failure: { reason: event.reason, message: event.message },
        startMs: event.timing?.startMs ?? m.startMs ?? event.t,
        queuedMs: queuedOf(event.timing, m.queuedMs),
        firstTokenMs: event.timing?.firstTokenMs ?? m.firstTokenMs,
        endMs: event.timing?.endMs ?? event.t,
        attempts: event.attempts ?? m.attempt,
        // Older servers sent no usage on failures: the attempt then counts as nothing, as it did.
        spent: addSpend(m.spent, event.usage, event.costUsd),
      };
  }
}

function addSpend(spent: MemberStageState['spent'], usage: TokenUsage | undefined, costUsd: number | undefined): MemberStageState['spent'] {
  return {
    tokens: { input: spent.tokens.input + (usage?.input ?? 0), output: spent.tokens.output + (usage?.output ?? 0) },
    costUsd: spent.costUsd + (costUsd ?? 0),
  };
}

/** The final answer streams from whichever stage-3 model is synthesising (the chairman or a fallback). */
function followFinalAnswer(state: RunState, event: MemberEvent): RunState {
  const member = state.stages[3].members[event.model];
  if (!member) return state;
  switch (event.type) {
    case 'member.delta':
    case 'member.completed':
      return { ...state, finalModel: event.model, finalText: member.text };
    case 'member.retrying':
    case 'member.failed':
      // A failed chairman's partial answer is not the answer: clear it until a fallback streams.
      return state.finalModel === event.model ? { ...state, finalText: '' } : state;
    default:
      return state;
  }
}

/** On a failed or cancelled run, members still in flight are shown as cancelled at `t`. */
export function settleInFlightMembers(state: RunState, t: number): RunState {
  let next = state;
  for (const stage of STAGES) {
    for (const model of state.stages[stage].models) {
      const m = state.stages[stage].members[model];
      if (!m || m.startMs === null || SETTLED.has(m.status)) continue;
      next = withMember(next, stage, model, (cur) => ({
        ...cur,
        status: 'failed',
        failure: { reason: 'cancelled', message: 'The run ended before this member finished.' },
        endMs: t,
      }));
    }
  }
  return next;
}

/** A finite, non-negative queue time from an event's timing (stored runs may predate the field). */
function queuedOf(timing: { queuedMs?: number } | undefined, fallback: number): number {
  const value = timing?.queuedMs;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
