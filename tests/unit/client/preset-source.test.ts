import { describe, expect, it, vi } from 'vitest';
import { openPresetSource } from '@/lib/client/preset-source';

const preset = { name: 'Trio', tier: 'balanced', members: ['a', 'b', 'c'], chairman: 'a', mode: 'full' as const };

function server(scope: string | null, status = 200) {
  const calls: { url: string; method: string; body?: string }[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), method: init?.method ?? 'GET', body: init?.body as string | undefined });
    if ((init?.method ?? 'GET') === 'GET') return Response.json(scope ? { scope, presets: [{ ...preset, updatedAt: 'x' }] } : { error: 'no' }, { status });
    return new Response(null, { status: init?.method === 'DELETE' ? 204 : 200 });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('where presets are kept', () => {
  it('with the key when the server says so: loaded from, saved to and deleted from /api/presets', async () => {
    const { fetch, calls } = server('key');
    const { source, presets } = await openPresetSource({ fetch });
    expect(source.kind).toBe('key');
    expect(presets).toEqual([preset]);
    const saved = await source.save(presets, { ...preset, name: 'Duo', members: ['a', 'b'] });
    expect(saved.kept).toBe(true);
    expect(saved.presets.map((p) => p.name)).toEqual(['Duo', 'Trio']);
    expect(calls[1]).toMatchObject({ url: '/api/presets', method: 'PUT' });
    expect(JSON.parse(calls[1].body!)).toMatchObject({ name: 'Duo' });
    expect((await source.remove(saved.presets, 'Trio')).map((p) => p.name)).toEqual(['Duo']);
    expect(calls[2]).toMatchObject({ url: '/api/presets?name=Trio', method: 'DELETE' });
  });

  it('in the browser in personal mode, or when the server cannot say', async () => {
    for (const { fetch } of [server('personal'), server(null, 503)]) {
      const { source } = await openPresetSource({ fetch });
      expect(source.kind).toBe('browser');
    }
    const broken = (async () => {
      throw new TypeError('offline');
    }) as unknown as typeof globalThis.fetch;
    expect((await openPresetSource({ fetch: broken })).source.kind).toBe('browser');
  });
});
