/**
 * Derives one llm_requests row per upstream attempt from a run's member.* events: member.started opens
 * attempt 1 (processing); member.retrying fails the current attempt with its reason and opens the next one
 * (pending while it backs off, processing from its first token); member.completed / member.failed close it.
 */
import type { CouncilEvent } from '@/lib/council/events';
import type { LlmRequestRow } from './store';

interface OpenAttempt {
  row: LlmRequestRow;
  /** Run time (ms since start) at which this attempt began. */
  startT: number;
}

/** `http_503` → 503, `rate_limited` → 429; other reasons carry no status. */
export function httpStatusOf(reason: string): number | null {
  if (reason === 'rate_limited') return 429;
  const match = /^http_(\d{3})$/.exec(reason);
  return match ? Number(match[1]) : null;
}

export class LlmRequestTracker {
  private readonly attempts = new Map<string, OpenAttempt>();
  private readonly dirty = new Map<string, LlmRequestRow>();

  constructor(
    private readonly runId: string,
    private readonly runStartedAt: Date,
  ) {}

  /** Updates the rows this event concerns; cheap, synchronous, safe to call on the stream's hot path. */
  observe(event: CouncilEvent): void {
    switch (event.type) {
      case 'member.started':
        this.open(event.stage, event.model, event.attempt, 'processing', event.t, event.t);
        return;
      case 'member.delta': {
        const current = this.attempts.get(key(event.stage, event.model));
        if (!current || current.row.status === 'completed' || current.row.status === 'failed') return;
        if (current.row.status === 'pending' || current.row.timeToFirstTokenMs === null) {
          current.row.status = 'processing';
          current.row.timeToFirstTokenMs ??= Math.max(0, event.t - current.startT);
          this.markDirty(current.row);
        }
        return;
      }
      case 'member.retrying': {
        const current = this.attempts.get(key(event.stage, event.model));
        if (current) {
          this.close(current, { status: 'failed', errorKind: event.reason, errorMessage: `Retried after ${event.reason}.` }, event.t);
          current.row.httpStatus = httpStatusOf(event.reason);
        }
        this.open(event.stage, event.model, event.attempt, 'pending', event.t, event.t + event.delayMs);
        return;
      }
      case 'member.completed':
      case 'member.failed': {
        const current =
          this.attempts.get(key(event.stage, event.model)) ??
          this.open(event.stage, event.model, event.attempts, 'processing', event.timing.startMs, event.timing.startMs);
        const firstToken = event.timing.firstTokenMs;
        current.row.queuedMs = event.timing.queuedMs ?? null;
        current.row.timeToFirstTokenMs = firstToken === null ? current.row.timeToFirstTokenMs : Math.max(0, firstToken - current.startT);
        if (event.type === 'member.completed') {
          current.row.tokensIn = event.usage.input;
          current.row.tokensOut = event.usage.output;
          current.row.costUsd = event.costUsd ?? null;
          this.close(current, { status: 'completed', errorKind: null, errorMessage: null }, event.timing.endMs);
        } else {
          current.row.httpStatus = httpStatusOf(event.reason);
          this.close(current, { status: 'failed', errorKind: event.reason, errorMessage: event.message }, event.timing.endMs);
        }
        return;
      }
      default:
        return;
    }
  }

  /** Fails every attempt still open (the run ended without closing them: cancelled, crashed upstream). */
  closeOpen(errorKind: string, errorMessage: string, t: number): void {
    for (const attempt of this.attempts.values()) {
      if (attempt.row.status === 'pending' || attempt.row.status === 'processing') {
        this.close(attempt, { status: 'failed', errorKind, errorMessage }, t);
      }
    }
  }

  /** Rows changed since the last call, as copies (later events must not alter a batch being written). */
  takeDirty(): LlmRequestRow[] {
    const rows = [...this.dirty.values()].map((row) => ({ ...row }));
    this.dirty.clear();
    return rows;
  }

  private open(stage: LlmRequestRow['stage'], model: string, attempt: number, status: 'pending' | 'processing', t: number, startT: number) {
    const row: LlmRequestRow = {
      runId: this.runId,
      stage,
      model,
      attempt,
      status,
      errorKind: null,
      errorMessage: null,
      httpStatus: null,
      timeToFirstTokenMs: null,
      durationMs: null,
      tokensIn: null,
      tokensOut: null,
      costUsd: null,
      createdAt: new Date(this.runStartedAt.getTime() + t).toISOString(),
    };
    const opened = { row, startT };
    this.attempts.set(key(stage, model), opened);
    this.markDirty(row);
    return opened;
  }

  private close(
    attempt: OpenAttempt,
    end: Pick<LlmRequestRow, 'status' | 'errorKind' | 'errorMessage'>,
    endT: number,
  ): void {
    Object.assign(attempt.row, end, { durationMs: Math.max(0, endT - attempt.startT) });
    this.markDirty(attempt.row);
  }

  private markDirty(row: LlmRequestRow): void {
    this.dirty.set(`${row.stage}|${row.model}|${row.attempt}`, row);
  }
}

function key(stage: number, model: string): string {
  return `${stage}|${model}`;
}
