import 'server-only';
import type { Identity } from '@/lib/access/identity';
import { ownerKeyIdOf } from '@/lib/access/identity';
import type { HistoryTurn } from '@/lib/council/council-input';
import type { CouncilEvent } from '@/lib/council/events';
import { RunCancellation } from '@/lib/council/run-cancellation';
import { beginConversationTurn } from '@/lib/store/council-conversation';
import type { Store } from '@/lib/store/store';
import type { CouncilService } from './council-service-types';
import type { RunHubs } from '@/lib/runs/run-hubs';
import type { LiveRuns, RunSource } from './live-runs';
import type { Refusal } from './refusal';
import { OPEN_ADMISSION, type Admission, type RunAdmission } from './run-admission';
import { refuseTier } from './refuse-run';

/**
 * The one way a council run starts, whichever front door asked (`/api/council`, `/v1/chat/completions`,
 * `/mcp`): identity → tier and permission → limits and budget → conversation → run → record. Each door only
 * translates its protocol's input into a CouncilRunRequest and the events (or the refusal) into its output.
 */
export interface CouncilRunRequest {
  identity: Identity;
  source: RunSource;
  question: string;
  /** A tier id; the service's default tier when left out. */
  tier?: string;
  /** The conversation to continue, or a fresh id for a new one (web); a new conversation when left out. */
  conversationId?: string;
  /** Given by the caller (an API client sends the whole chat); when set, the stored history is not read. */
  history?: HistoryTurn[];
  /** The client's signal: when it aborts, the run is cancelled with reason `cancelled` (unless detachable). */
  signal: AbortSignal;
  /**
   * True for browser runs (DESIGN.md §7): the run outlives its connection for the detach grace, can be followed
   * again from its events route and is cancelled only by Stop, the grace or shutdown. `/v1` and `/mcp` leave it
   * out: their client going away cancels the run.
   */
  detachable?: boolean;
}

export interface PipelineRun {
  runId: string;
  /** Null when storage is down and the run goes on unrecorded. */
  conversationId: string | null;
  tier: string;
  /**
   * The run's events, recorded as they pass; iterate them to drive the run. For a detachable run the server
   * drives it and this is one follower: returning early detaches, it does not cancel.
   */
  events: AsyncIterable<CouncilEvent>;
  /** Cancels the run with a reason (Stop, detach, shutdown, a stalled client). */
  cancel(reason: RunCancellation): void;
}

export type PipelineResult = { ok: true; run: PipelineRun } | { ok: false; refusal: Refusal };

export interface PipelineDeps {
  service: CouncilService;
  openStore: () => Promise<Store>;
  admission?: RunAdmission;
  liveRuns?: LiveRuns;
  /** Where detachable runs are driven and followed; a detachable request needs it. */
  runHubs?: RunHubs;
  /** The run's worst-case cost in USD, reserved against the caller's budget before it starts. */
  worstCaseUsd?: (tier: string, question: string, history: HistoryTurn[]) => number;
}

export async function startCouncilRun(request: CouncilRunRequest, deps: PipelineDeps): Promise<PipelineResult> {
  const { service } = deps;
  const tier = request.tier ?? service.defaultTier;
  const refusal = refuseTier(service, tier, request.identity);
  if (refusal) return { ok: false, refusal };

  const admitted = await (deps.admission ?? OPEN_ADMISSION).admit({
    identity: request.identity,
    tier,
    worstCaseUsd: deps.worstCaseUsd?.(tier, request.question, request.history ?? []) ?? 0,
  });
  if (!admitted.ok) return admitted;

  try {
    const turn = await beginConversationTurn(deps.openStore, {
      conversationId: request.conversationId,
      question: request.question,
      maxTurns: service.config.history.maxTurns,
    });
    const controller = new AbortController();
    const detachable = request.detachable === true && deps.runHubs !== undefined;
    const onClientAbort = () => controller.abort(new RunCancellation('cancelled'));
    if (!detachable) {
      if (request.signal.aborted) onClientAbort();
      else request.signal.addEventListener('abort', onClientAbort, { once: true });
    }

    const run = service.startRun({
      question: request.question,
      tier,
      history: request.history ?? turn?.history,
      signal: controller.signal,
    });
    const recorded = turn ? turn.record(run, tier) : run.events;
    let markDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (markDone = resolve));
    const cancel = (reason: RunCancellation) => controller.abort(reason);
    const ownerKeyId = ownerKeyIdOf(request.identity);
    deps.liveRuns?.add({ runId: run.runId, ownerKeyId, source: request.source, cancel, done });
    const settled = settleWhenDone(recorded, admitted.admission, () => {
      request.signal.removeEventListener('abort', onClientAbort);
      markDone();
    });
    const events =
      detachable && deps.runHubs ? deps.runHubs.start({ runId: run.runId, ownerKeyId, events: settled, cancel }).follow(0) : settled;
    return { ok: true, run: { runId: run.runId, conversationId: turn?.conversationId ?? null, tier, events, cancel } };
  } catch (error) {
    await admitted.admission.settle(0);
    throw error;
  }
}

/** Passes the events through and, however the stream ends, settles the run's reservation at its actual cost. */
async function* settleWhenDone(
  events: AsyncIterable<CouncilEvent>,
  admission: Admission,
  onDone: () => void,
): AsyncGenerator<CouncilEvent, void, undefined> {
  let costUsd = 0;
  try {
    for await (const event of events) {
      if (event.type === 'member.completed') costUsd += event.costUsd ?? 0;
      yield event;
    }
  } finally {
    await admission.settle(costUsd).catch((error: unknown) =>
      console.error('Could not settle the run budget:', error instanceof Error ? error.message : error),
    );
    onDone();
  }
}
