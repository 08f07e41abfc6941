/**
 * One pure reducer from CouncilEvents to the UI's RunState. The live UI folds the SSE stream through it and a
 * stored run is rebuilt by folding its saved events through it: `events.reduce(reduceRun, initialRunState())`.
 */
import type { CouncilEvent, EventOf } from '@/lib/council/events';
import type { RunState } from './run-state';
import { announceModels, emptyStage, isFinished, withStage } from './run-state-helpers';
import { applyMemberEvent, settleInFlightMembers } from './run-member-events';

export function initialRunState(): RunState {
  return {
    runId: null,
    status: 'idle',
    question: '',
    tier: null,
    members: [],
    chairman: null,
    fallbackChairmen: [],
    mode: 'full',
    pricing: {},
    policy: null,
    currentStage: 0,
    stages: { 1: emptyStage(1), 2: emptyStage(2), 3: emptyStage(3) },
    rankings: [],
    aggregate: null,
    lateAggregate: null,
    chairmanSaw: [],
    warnings: [],
    earlyTransitionMs: null,
    finalText: '',
    finalModel: null,
    degraded: false,
    answeredBy: null,
    totals: null,
    end: null,
    lastSeq: 0,
    elapsedMs: 0,
  };
}

export function reduceRun(state: RunState, event: CouncilEvent): RunState {
  // Nothing after the terminal event counts: a Stop is final even if bytes were still in flight.
  if (isFinished(state)) return state;
  // A stream carries one run; an event of another run is not ours to fold.
  if (state.runId !== null && event.runId !== state.runId) return state;
  // Folds by seq: an event already folded (replayed again after a reconnect) changes nothing.
  if (event.seq <= state.lastSeq) return state;
  const stamped: RunState = {
    ...state,
    runId: state.runId ?? event.runId,
    status: state.status === 'idle' ? 'running' : state.status,
    lastSeq: Math.max(state.lastSeq, event.seq),
    elapsedMs: Math.max(state.elapsedMs, event.t),
  };
  return applyEvent(stamped, event);
}

function applyEvent(state: RunState, event: CouncilEvent): RunState {
  switch (event.type) {
    case 'run.started':
      return withStage(
        {
          ...state,
          question: event.question,
          tier: event.tier,
          members: [...event.members],
          chairman: event.chairman,
          fallbackChairmen: [...(event.fallbackChairmen ?? [])],
          mode: event.mode ?? 'full',
          pricing: { ...(event.pricing ?? {}) },
          policy: event.policy,
        },
        1,
        (s) => announceModels(s, event.members),
      );
    case 'stage.started':
      return withStage({ ...state, currentStage: event.stage }, event.stage, (s) => ({
        ...announceModels(s, event.models ?? []),
        status: 'running',
        startMs: s.startMs ?? event.t,
      }));
    case 'stage.completed':
      return withStage(
        {
          ...state,
          earlyTransitionMs:
            event.stage === 2 && event.transition === 'quorum' ? event.t : state.earlyTransitionMs,
        },
        event.stage,
        (s) => ({
          ...s,
          status: 'done',
          startMs: s.startMs ?? Math.max(0, event.t - event.durationMs),
          endMs: event.t,
          succeeded: [...event.succeeded],
          failed: [...event.failed],
          transition: event.transition ?? null,
        }),
      );
    case 'member.started':
    case 'member.delta':
    case 'member.retrying':
    case 'member.completed':
    case 'member.failed':
      return applyMemberEvent(state, event);
    case 'ranking.parsed':
      return applyRanking(state, event);
    case 'ranking.aggregate':
      return event.late
        ? { ...state, lateAggregate: event.entries }
        : { ...state, aggregate: event.entries };
    case 'warning':
      return {
        ...state,
        warnings: [...state.warnings, { code: event.code, message: event.message, stage: event.stage ?? null, t: event.t }],
      };
    case 'run.completed':
      return {
        ...state,
        status: 'completed',
        finalText: event.text,
        finalModel: event.chairman ?? state.finalModel,
        degraded: event.degraded,
        answeredBy: event.answeredBy ?? null,
        totals: event.totals,
      };
    case 'run.failed':
      return {
        ...settleInFlightMembers(state, event.t),
        status: 'failed',
        end: { reason: event.reason, message: event.message, failures: event.failures ?? [] },
      };
    case 'run.cancelled':
      return {
        ...settleInFlightMembers(state, event.t),
        status: 'cancelled',
        end: { reason: event.reason, message: event.message, failures: [] },
      };
    default:
      // An event type this UI does not know (a newer server): keep what we have.
      return state;
  }
}

function applyRanking(state: RunState, event: EventOf<'ranking.parsed'>): RunState {
  const ranking = {
    judge: event.judge,
    labels: { ...event.labels },
    order: [...event.order],
    ranked: [...event.ranked],
    valid: event.valid,
    late: event.late,
    critique: event.critique ?? '',
    problems: [...(event.problems ?? [])],
    t: event.t,
  };
  const rankings = [...state.rankings.filter((r) => r.judge !== event.judge), ranking];
  const chairmanSaw = event.late
    ? state.chairmanSaw.filter((j) => j !== event.judge)
    : [...new Set([...state.chairmanSaw, event.judge])];
  return { ...state, rankings, chairmanSaw };
}

/** Folds a whole event list: how a stored run is replayed. */
export function replayRun(events: Iterable<CouncilEvent>): RunState {
  let state = initialRunState();
  for (const event of events) state = reduceRun(state, event);
  return state;
}
