import type { Identity } from '@/lib/access/identity';
import type { Refusal } from './refusal';

/** What a run asks of an identity's limits before it starts. */
export interface AdmissionRequest {
  identity: Identity;
  tier: string;
  /** The run's worst case: every call at its maxTokens, prompt tokens estimated, at configured prices. */
  worstCaseUsd: number;
}

/** A run let in: its reservation is held until it settles with what the run actually cost. */
export interface Admission {
  /** Releases the in-flight slot and replaces the reserved worst case with the actual cost. Idempotent. */
  settle(actualUsd: number): Promise<void>;
}

/**
 * Per-key limits and budgets (DESIGN.md §5): runs per minute, runs in flight, spend per UTC day and month.
 * One interface, an in-process and a Redis implementation chosen at the wiring point (STYLE.md).
 */
export interface RunAdmission {
  admit(request: AdmissionRequest): Promise<{ ok: true; admission: Admission } | { ok: false; refusal: Refusal }>;
}

/** Personal mode and keys without limits: everything is let in, nothing is counted. */
export const OPEN_ADMISSION: RunAdmission = {
  admit: async () => ({ ok: true, admission: { settle: async () => undefined } }),
};
