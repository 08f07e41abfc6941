/**
 * Named council presets kept per key (shared mode): what the custom-council view saves. The store keeps the preset
 * as JSON under (owner, name); personal-mode presets are owned by no key and stored under the empty owner.
 */
import type { CouncilMode } from '@/lib/pricing/worst-case-cost';

export interface CouncilPresetBody {
  name: string;
  /** The tier whose rules the preset runs on. */
  tier: string;
  members: string[];
  chairman: string;
  mode: CouncilMode;
}

export interface StoredPreset extends CouncilPresetBody {
  updatedAt: string;
}

/** The owner column's value: a key id, or '' for personal mode (a primary key column cannot hold NULL). */
export function presetOwner(ownerKeyId: string | null): string {
  return ownerKeyId ?? '';
}

export function toStoredPreset(row: Record<string, unknown>): StoredPreset {
  const body = JSON.parse(String(row.preset)) as CouncilPresetBody;
  return { ...body, name: String(row.name), updatedAt: new Date(Number(row.updated_at)).toISOString() };
}
