import { describe, expect, it } from 'vitest';
import { createPooledFetch } from '@/lib/providers/http/pooled-fetch';
import { waitUntil } from '@/tests/support/fake-upstream';
import { useFakeUpstream } from './contract-helpers';

describe('pooled fetch', () => {
  const upstream = useFakeUpstream();
  const body = JSON.stringify({ model: 'm', stream: false, messages: [{ role: 'user', content: 'hi' }] });

  it('keeps one socket alive across sequential calls and closes it on close()', async () => {
    const pooled = createPooledFetch();
    try {
      for (let i = 0; i < 5; i++) {
        const res = await pooled.fetch(`${upstream().url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        expect(res.status).toBe(200);
        expect((await res.json()).object).toBe('chat.completion');
      }
      expect(upstream().connectionsOpened).toBe(1);
      expect(pooled.openSockets()).toBe(1);
    } finally {
      pooled.close();
    }
    await waitUntil(() => pooled.openSockets() === 0 && upstream().openConnections() === 0, 2_000, 'the pool to close its socket');
  });

  it('passes response headers through, repeated ones included', async () => {
    upstream().setScript('m', { headers: { 'x-ratelimit-remaining-requests': '7' } });
    const pooled = createPooledFetch();
    try {
      const res = await pooled.fetch(`${upstream().url}/v1/chat/completions`, { method: 'POST', body });
      await res.text();
      expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('7');
    } finally {
      pooled.close();
    }
  });

  it('refuses an already-aborted signal without connecting', async () => {
    const pooled = createPooledFetch();
    const controller = new AbortController();
    controller.abort();
    await expect(pooled.fetch(`${upstream().url}/v1/chat/completions`, { method: 'POST', body, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(upstream().requests).toHaveLength(0);
    pooled.close();
  });

  it('rejects a streamed request body it does not support', async () => {
    const pooled = createPooledFetch();
    const stream = new ReadableStream({ start: (c) => c.close() });
    await expect(pooled.fetch(`${upstream().url}/v1/messages`, { method: 'POST', body: stream })).rejects.toThrow(/only string or byte bodies/);
    pooled.close();
  });

  it('reports a refused connection as a fetch failure naming the cause', async () => {
    const url = upstream().url;
    await upstream().close();
    const pooled = createPooledFetch();
    const error = await pooled.fetch(`${url}/v1/messages`, { method: 'POST', body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError & { cause: { code: string } }).cause.code).toBe('ECONNREFUSED');
    pooled.close();
  });
});
