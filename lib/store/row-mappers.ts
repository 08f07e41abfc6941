/**
 * Rows → records, shared by both dialects. PostgreSQL returns BIGINT as a string and JSONB already parsed;
 * SQLite returns numbers and JSON text: the mappers accept both.
 */
import type { CouncilEvent, RunTotals } from '@/lib/council/events';
import type { Stage } from '@/lib/council/policy';
import type { Conversation, LlmRequestRow, LlmRequestStatus, MessageRole, RunStatus, StoredMessage, StoredRun } from './store';

type Row = Record<string, unknown>;

export function iso(ms: unknown): string {
  return new Date(Number(ms)).toISOString();
}

function isoOrNull(ms: unknown): string | null {
  return ms === null || ms === undefined ? null : iso(ms);
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function toConversation(row: Row): Conversation {
  return { id: String(row.id), title: String(row.title), createdAt: iso(row.created_at), updatedAt: iso(row.updated_at) };
}

export function toMessage(row: Row): StoredMessage {
  return {
    conversationId: String(row.conversation_id),
    role: row.role as MessageRole,
    content: String(row.content),
    runId: row.run_id === null ? null : String(row.run_id),
    createdAt: iso(row.created_at),
  };
}

export function toRun(row: Row): StoredRun {
  return {
    id: String(row.id),
    conversationId: String(row.conversation_id),
    tier: String(row.tier),
    question: String(row.question),
    status: row.status as RunStatus,
    totals: row.totals === null || row.totals === undefined ? null : parseJson<RunTotals>(row.totals),
    finalText: row.final_text === null ? null : String(row.final_text),
    startedAt: iso(row.started_at),
    endedAt: isoOrNull(row.ended_at),
    instanceId: row.instance_id === null || row.instance_id === undefined ? null : String(row.instance_id),
    ownerKeyId: row.owner_key_id === null || row.owner_key_id === undefined ? null : String(row.owner_key_id),
  };
}

export function toEvent(row: Row): CouncilEvent {
  return parseJson<CouncilEvent>(row.payload);
}

export function toLlmRequest(row: Row): LlmRequestRow {
  return {
    runId: String(row.run_id),
    stage: Number(row.stage) as Stage,
    model: String(row.model),
    attempt: Number(row.attempt),
    status: row.status as LlmRequestStatus,
    errorKind: (row.error_kind as string | null) ?? null,
    errorMessage: (row.error_message as string | null) ?? null,
    httpStatus: numberOrNull(row.http_status),
    timeToFirstTokenMs: numberOrNull(row.ttft_ms),
    queuedMs: numberOrNull(row.queued_ms),
    durationMs: numberOrNull(row.duration_ms),
    tokensIn: numberOrNull(row.tokens_in),
    tokensOut: numberOrNull(row.tokens_out),
    costUsd: numberOrNull(row.cost_usd),
    createdAt: iso(row.created_at),
  };
}

/** The columns of llm_requests in insert order, with the row's values for them. */
export const LLM_REQUEST_COLUMNS = [
  'run_id', 'stage', 'model', 'attempt', 'status', 'error_kind', 'error_message', 'http_status',
  'ttft_ms', 'duration_ms', 'tokens_in', 'tokens_out', 'cost_usd', 'created_at', 'queued_ms',
] as const;

/** Columns an upsert may change: everything but the key and the creation time. */
export const LLM_REQUEST_UPDATABLE = LLM_REQUEST_COLUMNS.filter(
  (c) => !['run_id', 'stage', 'model', 'attempt', 'created_at'].includes(c),
);

export function llmRequestValues(row: LlmRequestRow): unknown[] {
  return [
    row.runId, row.stage, row.model, row.attempt, row.status, row.errorKind, row.errorMessage, row.httpStatus,
    row.timeToFirstTokenMs, row.durationMs, row.tokensIn, row.tokensOut, row.costUsd, Date.parse(row.createdAt),
    row.queuedMs ?? null,
  ];
}

/** A day, in ms: how long an instance's lapsed lease is kept before the row is forgotten. */
export const FORGET_LEASE_AFTER_MS = 24 * 60 * 60 * 1000;

/** The runs recovery may take: running, not `self`'s, and owned by nobody alive (no instance, no lease, lapsed). */
export function orphanedRunsWhere(p: (name: 'now' | 'self') => string): string {
  return `status = 'running' AND (instance_id IS NULL OR (instance_id <> ${p('self')} AND NOT EXISTS (
    SELECT 1 FROM instances i WHERE i.id = runs.instance_id AND i.lease_expires_at >= ${p('now')})))`;
}
