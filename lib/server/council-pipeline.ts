import 'server-only';
import type { Identity } from '@/lib/access/identity';
import { ownerKeyIdOf, ownerScopeOf } from '@/lib/access/identity';
import { isUuid, normalizeUuid } from '@/lib/http/uuid';
import type { HistoryTurn } from '@/lib/council/council-input';
import type { CouncilEvent } from '@/lib/council/events';
import { RunCancellation } from '@/lib/council/run-cancellation';
import type { CouncilMode } from '@/lib/pricing/worst-case-cost';
import { conversationHistory } from '@/lib/store/conversations';
import { beginConversationTurn, ConversationNotFoundError } from '@/lib/store/council-conversation';
import type { Store } from '@/lib/store/store';
import type { CouncilChoice, CouncilService } from './council-service-types';
import type { RunHubs } from '@/lib/runs/run-hubs';
import type { LiveRuns, RunSource } from './live-runs';
import type { Refusal } from './refusal';
import { OPEN_ADMISSION, type RunAdmission } from './run-admission';
import { refuseTier } from './refuse-run';
import { resolveCouncil } from './resolve-council';
import { DRAINING_RETRY_AFTER_SECONDS, isDraining } from './drain-state';
import { settleWhenDone } from './settle-when-done';

const DRAINING_REFUSAL: Refusal = {
  status: 503,
  code: 'draining',
  message: 'This server is shutting down; try again in a moment.',
  retryAfterSeconds: DRAINING_RETRY_AFTER_SECONDS,
};
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
  /** Model ids to sit on the council instead of the tier's; the tier's policy still applies. */
  council?: string[];
  /** The chairman instead of the tier's (a chosen council without one is chaired by its first member). */
  chairman?: string;
  fallbackChairmen?: string[];
  /** How far the run goes: `answers`, `ranked` or `full` (the default). */
  mode?: CouncilMode;
  /** The conversation to continue, or a fresh id for a new one (web); a new conversation when left out. */
  conversationId?: string;
  /** Given by the caller (an API client sends the whole chat); when set, the stored history is not read. */
  history?: HistoryTurn[];
  /** The caller's own instructions (an API client's system messages), given to the members and the chairman. */
  instructions?: string;
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
  /**
   * The run's worst-case cost in USD, reserved against the caller's budget before it starts. `council` is the
   * council the run will use (the tier's or the caller's choice) and `mode` how far it goes.
   */
  worstCaseUsd?: (tier: string, question: string, history: HistoryTurn[], council: CouncilChoice, mode: CouncilMode) => number;
}

export async function startCouncilRun(request: CouncilRunRequest, deps: PipelineDeps): Promise<PipelineResult> {
  const { service } = deps;
  // A draining instance (SIGTERM) finishes what it has and takes nothing new, whichever door asked.
  if (isDraining()) return { ok: false, refusal: DRAINING_REFUSAL };
  const tier = request.tier ?? service.defaultTier;
  if (request.conversationId !== undefined && !isUuid(request.conversationId)) {
    return {
      ok: false,
      refusal: { status: 400, code: 'invalid_conversation_id', message: 'The conversation id must be a UUID.', param: 'conversationId' },
    };
  }
  const unknownTier = service.hasTier(tier) ? null : refuseTier(service, tier, request.identity);
  if (unknownTier) return { ok: false, refusal: unknownTier };
  const chosen = resolveCouncil(service, tier, request.identity, request);
  if (!chosen.ok) return chosen;
  const council = chosen.council ?? service.tierCouncil(tier);
  const mode = request.mode ?? 'full';
  const refusal = refuseTier(service, tier, request.identity, chosen.council ? councilModels(council) : undefined);
  if (refusal) return { ok: false, refusal };

  const admitted = await (deps.admission ?? OPEN_ADMISSION).admit({
    identity: request.identity,
    tier,
    // Personal mode is never limited: it spares the store read of the history, which only the worst case needs.
    worstCaseUsd:
      deps.worstCaseUsd && request.identity.kind === 'key'
        ? deps.worstCaseUsd(
            tier,
            // An API client's instructions go to every member and the chairman: they are prompt text too.
            request.instructions ? `${request.instructions}\n${request.question}` : request.question,
            request.history ?? (await storedHistory(deps, request.conversationId)),
            council,
            mode,
          )
        : 0,
  });
  if (!admitted.ok) return admitted;

  try {
    const turn = await beginConversationTurn(deps.openStore, {
      conversationId: request.conversationId === undefined ? undefined : normalizeUuid(request.conversationId),
      ownerKeyId: ownerKeyIdOf(request.identity),
      scope: ownerScopeOf(request.identity),
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
      ...(chosen.council ? { council: chosen.council } : {}),
      mode,
      history: request.history ?? turn?.history,
      instructions: request.instructions,
      source: request.source,
      signal: controller.signal,
    });
    // Storage trouble never stops a council; the client is told, in sequence, that this run is not saved.
    if (!turn) run.warn('not_saved', 'Storage is unavailable: this run will not be saved in the history.');
    const recorded = turn
      ? turn.record(run, tier, () => run.warn('not_saved', 'Saving this run failed: it will be missing or incomplete in the history.'))
      : run.events;
    let markDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (markDone = resolve));
    const cancel = (reason: RunCancellation) => controller.abort(reason);
    const ownerKeyId = ownerKeyIdOf(request.identity);
    deps.liveRuns?.add({ runId: run.runId, ownerKeyId, source: request.source, cancel, done });
    const settled = settleWhenDone(recorded, admitted.admission, run.spentUsd, () => {
      request.signal.removeEventListener('abort', onClientAbort);
      markDone();
    });
    const events =
      detachable && deps.runHubs ? deps.runHubs.start({ runId: run.runId, ownerKeyId, events: settled, cancel }).follow(0) : settled;
    return { ok: true, run: { runId: run.runId, conversationId: turn?.conversationId ?? null, tier, events, cancel } };
  } catch (error) {
    await admitted.admission.settle(0);
    if (error instanceof ConversationNotFoundError) {
      return { ok: false, refusal: { status: 404, code: 'not_found', message: error.message, param: 'conversationId' } };
    }
    throw error;
  }
}

/**
 * The stored history a continued conversation will give the council, for its worst case only (read before the
 * turn begins, since a refused run must leave no trace); none when the store cannot say.
 */
async function storedHistory(deps: PipelineDeps, conversationId: string | undefined): Promise<HistoryTurn[]> {
  if (!conversationId) return [];
  try {
    return await conversationHistory(await deps.openStore(), conversationId, deps.service.config.history.maxTurns);
  } catch {
    return [];
  }
}

function councilModels(council: CouncilChoice): string[] {
  return [...new Set([...council.members, council.chairman, ...council.fallbackChairmen])];
}
