/**
 * Named council presets, kept per browser in localStorage (personal mode). A stored value that is not a list of
 * well-formed presets (edited by hand, an older version) is ignored entry by entry rather than breaking the page.
 */
import type { CouncilMode } from '@/lib/pricing/worst-case-cost';
import type { CouncilPick } from './council-pick';

export interface CouncilPreset extends CouncilPick {
  name: string;
  /** The tier whose policy (deadlines, quorum, straggler) the preset runs on. */
  tier: string;
}

export const PRESETS_STORAGE_KEY = 'quorum.councilPresets.v1';
const MODES: readonly CouncilMode[] = ['answers', 'ranked', 'full'];
export const MAX_PRESET_NAME = 60;

export function parsePresets(text: string | null): CouncilPreset[] {
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  return Array.isArray(value) ? value.filter(isPreset) : [];
}

function isPreset(value: unknown): value is CouncilPreset {
  const p = value as Partial<CouncilPreset> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.name === 'string' &&
    p.name.length > 0 &&
    typeof p.tier === 'string' &&
    Array.isArray(p.members) &&
    p.members.every((m) => typeof m === 'string') &&
    typeof p.chairman === 'string' &&
    MODES.includes(p.mode as CouncilMode)
  );
}

/** The list with `preset` saved under its name (replacing one of the same name), sorted by name. */
export function withPreset(presets: CouncilPreset[], preset: CouncilPreset): CouncilPreset[] {
  return [...presets.filter((p) => p.name !== preset.name), preset].sort((a, b) => a.name.localeCompare(b.name));
}

export function loadPresets(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): CouncilPreset[] {
  try {
    return parsePresets(storage?.getItem(PRESETS_STORAGE_KEY) ?? null);
  } catch {
    // Storage may be disabled (private mode, a policy): presets are then simply not kept.
    return [];
  }
}

export function storePresets(presets: CouncilPreset[], storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): boolean {
  try {
    storage?.setItem(PRESETS_STORAGE_KEY, JSON.stringify(presets));
    return storage !== undefined;
  } catch {
    return false;
  }
}
