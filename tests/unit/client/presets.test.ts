import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadPresets, parsePresets, PRESETS_STORAGE_KEY, storePresets, withPreset, type CouncilPreset } from '@/lib/client/presets';

const preset = (name: string, extra: Partial<CouncilPreset> = {}): CouncilPreset => ({
  name,
  tier: 'balanced',
  members: ['a', 'b'],
  chairman: 'a',
  mode: 'full',
  ...extra,
});

describe('council presets in the browser', () => {
  it('round-trips through storage', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const list = withPreset(withPreset([], preset('zeta')), preset('alpha', { mode: 'answers' }));
    expect(storePresets(list, storage)).toBe(true);
    expect(loadPresets(storage)).toEqual(list);
    expect(list.map((p) => p.name)).toEqual(['alpha', 'zeta']);
  });

  it('replaces a preset saved under the same name', () => {
    const list = withPreset([preset('mine')], preset('mine', { members: ['c', 'd'] }));
    expect(list).toEqual([preset('mine', { members: ['c', 'd'] })]);
  });

  it('ignores malformed entries and never throws on any stored text', () => {
    expect(parsePresets(JSON.stringify([preset('ok'), { name: 'bad', mode: 'turbo' }, 7, null]))).toEqual([preset('ok')]);
    fc.assert(fc.property(fc.string(), (text) => Array.isArray(parsePresets(text))));
    fc.assert(fc.property(fc.jsonValue(), (value) => Array.isArray(parsePresets(JSON.stringify(value)))));
  });

  it('survives storage that throws', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); } };
    expect(loadPresets(broken)).toEqual([]);
    expect(storePresets([preset('x')], broken)).toBe(false);
    expect(PRESETS_STORAGE_KEY).toMatch(/quorum/);
  });
});
