import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordRun } from '@/lib/store/run-recorder';
import { drain, fromArray, sampleRun } from './run-events-fixture';
import { ctx, loadStoreRoutes, patch, request } from './route-setup';

vi.mock('server-only', () => ({}));

let routes: Awaited<ReturnType<typeof loadStoreRoutes>>;
beforeEach(async () => {
  routes = await loadStoreRoutes();
});
afterEach(() => routes.cleanup());

async function seedConversation(id = '11111111-1111-4111-8111-111111111111', title = 'Quorum basics') {
  await routes.store.createConversation({ id, title, createdAt: new Date('2026-01-01T00:00:00Z') });
  const events = sampleRun(`${id}-run`);
  await drain(recordRun(routes.store, { runId: `${id}-run`, conversationId: id, tier: 'balanced', question: 'What is a quorum?' }, fromArray(events)));
  return events;
}

describe('GET /api/conversations', () => {
  it('answers an empty page when there is nothing yet', async () => {
    const response = await routes.list.GET(request('/api/conversations'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ items: [], nextCursor: null });
  });

  it('pages newest first with an opaque cursor', async () => {
    for (const [i, id] of ['a', 'b', 'c'].entries()) {
      await routes.store.createConversation({ id, title: id, createdAt: new Date(Date.UTC(2026, 0, 1 + i)) });
    }
    const first = await (await routes.list.GET(request('/api/conversations?limit=2'))).json();
    expect(first.items.map((c: { id: string }) => c.id)).toEqual(['c', 'b']);
    expect(typeof first.nextCursor).toBe('string');
    const second = await (await routes.list.GET(request(`/api/conversations?limit=2&cursor=${first.nextCursor}`))).json();
    expect(second).toMatchObject({ items: [{ id: 'a', title: 'a' }], nextCursor: null });
  });

  it.each([
    ['a limit of 0', '?limit=0', 'limit'],
    ['a limit over 100', '?limit=101', 'limit'],
    ['a limit that is not a number', '?limit=ten', 'limit'],
    ['a forged cursor', '?cursor=abc', 'cursor'],
  ])('answers 400 with the reason for %s', async (_name, query, path) => {
    const response = await routes.list.GET(request(`/api/conversations${query}`));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(typeof body.error).toBe('string');
    expect(body.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});

describe('GET /api/conversations/:id', () => {
  it('gives the messages and every run with its status and stored events', async () => {
    const events = await seedConversation();
    const response = await routes.one.GET(request('/api/conversations/11111111-1111-4111-8111-111111111111'), ctx('11111111-1111-4111-8111-111111111111'));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ id: '11111111-1111-4111-8111-111111111111', title: 'Quorum basics' });
    expect(body.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect(body.runs).toHaveLength(1);
    expect(body.runs[0]).toMatchObject({ id: '11111111-1111-4111-8111-111111111111-run', status: 'completed', question: 'What is a quorum?' });
    expect(body.runs[0].events).toEqual(JSON.parse(JSON.stringify(events)));
  });

  it('answers 404 { error } for an unknown id', async () => {
    const response = await routes.one.GET(request('/api/conversations/22222222-2222-4222-8222-222222222222'), ctx('22222222-2222-4222-8222-222222222222'));
    expect(response.status).toBe(404);
    expect(typeof (await response.json()).error).toBe('string');
  });
});

describe('PATCH /api/conversations/:id', () => {
  it('renames, trimming the title', async () => {
    await seedConversation();
    const response = await routes.one.PATCH(patch('11111111-1111-4111-8111-111111111111', { title: '  Voting rules  ' }), ctx('11111111-1111-4111-8111-111111111111'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: '11111111-1111-4111-8111-111111111111', title: 'Voting rules' });
    expect((await routes.store.getConversation('11111111-1111-4111-8111-111111111111'))?.title).toBe('Voting rules');
  });

  it.each([
    ['a body that is not JSON', '{"title": '],
    ['a missing title', {}],
    ['an empty title', { title: '   ' }],
    ['a title that is not a string', { title: 5 }],
    ['a title over 200 characters', { title: 'x'.repeat(201) }],
  ])('answers 400 { error, issues } for %s', async (_name, body) => {
    await seedConversation();
    const response = await routes.one.PATCH(patch('11111111-1111-4111-8111-111111111111', body), ctx('11111111-1111-4111-8111-111111111111'));
    expect(response.status).toBe(400);
    const json = await response.json();
    expect(typeof json.error).toBe('string');
    expect(json.issues.length).toBeGreaterThan(0);
    expect((await routes.store.getConversation('11111111-1111-4111-8111-111111111111'))?.title).toBe('Quorum basics');
  });

  it('answers 404 for an unknown id', async () => {
    expect((await routes.one.PATCH(patch('22222222-2222-4222-8222-222222222222', { title: 'x' }), ctx('22222222-2222-4222-8222-222222222222'))).status).toBe(404);
  });
});

describe('DELETE /api/conversations/:id', () => {
  it('deletes the conversation and its runs; a second delete is a 404', async () => {
    await seedConversation();
    expect((await routes.one.DELETE(request('/api/conversations/11111111-1111-4111-8111-111111111111', { method: 'DELETE' }), ctx('11111111-1111-4111-8111-111111111111'))).status).toBe(204);
    expect((await routes.one.GET(request('/api/conversations/11111111-1111-4111-8111-111111111111'), ctx('11111111-1111-4111-8111-111111111111'))).status).toBe(404);
    expect(await routes.store.getRun('11111111-1111-4111-8111-111111111111-run')).toBeNull();
    expect((await routes.one.DELETE(request('/api/conversations/11111111-1111-4111-8111-111111111111', { method: 'DELETE' }), ctx('11111111-1111-4111-8111-111111111111'))).status).toBe(404);
  });
});

describe('GET /api/conversations/:id/export', () => {
  it('exports Markdown with the question, the final answer, each member’s answer and a file name', async () => {
    await seedConversation('11111111-1111-4111-8111-111111111111', 'Quorum: basics?');
    const response = await routes.exported.GET(request('/api/conversations/11111111-1111-4111-8111-111111111111/export?format=md'), ctx('11111111-1111-4111-8111-111111111111'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/markdown');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="quorum-basics.md"');
    const text = await response.text();
    expect(text).toMatch(/^# Quorum: basics\?\n/);
    expect(text).toContain('## 1. What is a quorum?');
    expect(text).toContain('A quorum is the **minimum** number of members needed.');
    expect(text).toContain('#### m-b\n\nHalf plus one.');
  });

  it('exports JSON equal to the conversation as the API gives it', async () => {
    await seedConversation();
    const response = await routes.exported.GET(request('/api/conversations/11111111-1111-4111-8111-111111111111/export?format=json'), ctx('11111111-1111-4111-8111-111111111111'));
    expect(response.headers.get('content-type')).toContain('application/json');
    const detail = await (await routes.one.GET(request('/api/conversations/11111111-1111-4111-8111-111111111111'), ctx('11111111-1111-4111-8111-111111111111'))).json();
    expect(await response.json()).toEqual(detail);
  });

  it('answers 400 for an unknown format and 404 for an unknown id', async () => {
    await seedConversation();
    expect((await routes.exported.GET(request('/api/conversations/11111111-1111-4111-8111-111111111111/export?format=pdf'), ctx('11111111-1111-4111-8111-111111111111'))).status).toBe(400);
    expect((await routes.exported.GET(request('/api/conversations/22222222-2222-4222-8222-222222222222/export?format=md'), ctx('22222222-2222-4222-8222-222222222222'))).status).toBe(404);
    expect((await routes.exported.GET(request('/api/conversations/x/export?format=md'), ctx('x'))).status).toBe(400);
  });
});
