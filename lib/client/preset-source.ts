/**
 * Where the council presets live: with the caller's key on the server in shared mode (/api/presets), in this
 * browser's localStorage in personal mode. GET /api/presets says which (`scope`); a server that cannot answer
 * (an older one, storage down) leaves the presets in the browser.
 */
import { loadPresets, storePresets, withPreset, type CouncilPreset } from './presets';

export interface PresetSource {
  readonly kind: 'key' | 'browser';
  /** Saves a preset (replacing one of the same name); the list after, and whether it was kept. */
  save(presets: CouncilPreset[], preset: CouncilPreset): Promise<{ presets: CouncilPreset[]; kept: boolean }>;
  remove(presets: CouncilPreset[], name: string): Promise<CouncilPreset[]>;
}

export const browserPresets: PresetSource = {
  kind: 'browser',
  async save(presets, preset) {
    const next = withPreset(presets, preset);
    return { presets: next, kept: storePresets(next) };
  },
  async remove(presets, name) {
    const next = presets.filter((p) => p.name !== name);
    storePresets(next);
    return next;
  },
};

const keyPresets = (doFetch: typeof fetch): PresetSource => ({
  kind: 'key',
  async save(presets, preset) {
    const response = await doFetch('/api/presets', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(preset),
    });
    return response.ok ? { presets: withPreset(presets, preset), kept: true } : { presets, kept: false };
  },
  async remove(presets, name) {
    const response = await doFetch(`/api/presets?name=${encodeURIComponent(name)}`, { method: 'DELETE' });
    return response.ok || response.status === 404 ? presets.filter((p) => p.name !== name) : presets;
  },
});

/** Asks the server where presets live, and loads them from there. */
export async function openPresetSource(
  options: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<{ source: PresetSource; presets: CouncilPreset[] }> {
  const doFetch = options.fetch ?? fetch;
  try {
    const response = await doFetch('/api/presets', { signal: options.signal, cache: 'no-store' });
    const body = (await response.json()) as { scope?: string; presets?: CouncilPreset[] };
    if (response.ok && body.scope === 'key' && Array.isArray(body.presets)) {
      return { source: keyPresets(doFetch), presets: body.presets.map(({ name, tier, members, chairman, mode }) => ({ name, tier, members, chairman, mode })) };
    }
  } catch (error) {
    if (options.signal?.aborted) throw error;
  }
  return { source: browserPresets, presets: loadPresets() };
}
