/**
 * `/v1` through the official `openai` npm client against `next start` (DESIGN.md §6): models, a plain and a
 * streamed completion, include_usage, the `quorum` object, an abort mid-stream (every upstream call closed,
 * measured at the fake upstream) and the errors the SDK maps to its classes.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '@/tests/support/fake-upstream';
import { startServiceFixture, type ServiceFixture, UPSTREAM_KEY } from './service-fixture';

let fixture: ServiceFixture;
let client: OpenAI;

beforeAll(async () => {
  fixture = await startServiceFixture({ QUORUM_HEARTBEAT_MS: '100' });
  client = new OpenAI({ baseURL: `${fixture.server.baseURL}/v1`, apiKey: 'any-key-in-personal-mode', maxRetries: 0 });
});
afterAll(async () => fixture?.close());

interface QuorumObject {
  runId: string;
  tier: string;
  members: string[];
  chairman: string | null;
  degraded: boolean;
  failures: { model: string; stage: number; reason: string }[];
  timing: { totalMs: number; stages: { stage: number; durationMs: number }[] };
  calls: { model: string; stage: number; usage: { input: number; output: number }; costUsd: number | null }[];
  costUsd: number;
}

describe('OpenAI-compatible API', () => {
  it('lists every tier as a quorum/<tier> model, and quorum for the default', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids[0]).toBe('quorum');
    expect(ids).toEqual(expect.arrayContaining(['quorum/fast', 'quorum/slow', 'quorum/broken']));
  });

  it('answers with the chairman’s text, usage over every call, the quorum object and the run id header', async () => {
    const { data, response } = await client.chat.completions
      .create({
        model: 'quorum/fast',
        messages: [
          { role: 'system', content: 'Answer like a pirate.' },
          { role: 'user', content: 'What is a council?' },
          { role: 'assistant', content: 'A group that decides.' },
          { role: 'user', content: 'Why is the sky blue?' },
        ],
      })
      .withResponse();
    expect(data.choices[0].message.content).toBe('The council agrees, says [q1].');
    expect(data.choices[0].finish_reason).toBe('stop');
    const quorum = (data as unknown as { quorum: QuorumObject }).quorum;
    expect(response.headers.get('x-quorum-run-id')).toBe(quorum.runId);
    expect(quorum).toMatchObject({ tier: 'fast', members: ['q1', 'q2', 'q3'], chairman: 'q1', degraded: false, failures: [] });
    // 3 answers, 3 rankings, 1 synthesis; usage is their sum.
    expect(quorum.calls).toHaveLength(7);
    const sum = quorum.calls.reduce((s, c) => ({ input: s.input + c.usage.input, output: s.output + c.usage.output }), { input: 0, output: 0 });
    expect(data.usage).toMatchObject({ prompt_tokens: sum.input, completion_tokens: sum.output, total_tokens: sum.input + sum.output });
    expect(quorum.costUsd).toBeGreaterThan(0);
    expect(quorum.timing.stages.map((s) => s.stage)).toEqual([1, 2, 3]);

    // The system message reached the members' answers, the earlier turn is history, the last one the question.
    const answerCalls = fixture.upstream.requests.filter((r) => r.model === 'up-q2' && JSON.stringify(r.body).includes('Why is the sky blue?'));
    const firstCall = JSON.stringify(answerCalls[0].body);
    expect(firstCall).toContain('Answer like a pirate.');
    expect(firstCall).toContain('A group that decides.');
    expect(answerCalls[0].headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);

    // Stored like a browser run, marked as coming from the API, in the history.
    const list = (await (await fetch(`${fixture.server.baseURL}/api/conversations`)).json()) as { items: { id: string; title: string }[] };
    const stored = list.items.find((item) => item.title.includes('Why is the sky blue'));
    expect(stored).toBeDefined();
    const detail = (await (await fetch(`${fixture.server.baseURL}/api/conversations/${stored!.id}`)).json()) as {
      runs: { id: string; status: string; finalText: string; events: { type: string; source?: string }[] }[];
    };
    expect(detail.runs[0]).toMatchObject({ id: quorum.runId, status: 'completed', finalText: 'The council agrees, says [q1].' });
    expect(detail.runs[0].events[0]).toMatchObject({ type: 'run.started', source: 'api' });
  });

  it('streams only the final answer as content, then the usage chunk with the quorum object, then [DONE]', async () => {
    const stream = await client.chat.completions.create({
      model: 'quorum',
      messages: [{ role: 'user', content: 'Stream me an answer' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    const content = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(content).toBe('The council agrees, says [q1].');
    expect(content).not.toContain('answer from');
    const finish = chunks.find((c) => c.choices[0]?.finish_reason === 'stop');
    expect(finish).toBeDefined();
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage!.total_tokens).toBeGreaterThan(0);
    const quorum = (last as unknown as { quorum: QuorumObject }).quorum;
    expect(quorum.calls.reduce((s, c) => s + c.usage.input + c.usage.output, 0)).toBe(last.usage!.total_tokens);
  });

  it('keeps a quiet stream alive with SSE comments before the first token, and sends the role chunk at once', async () => {
    const started = performance.now();
    const response = await fetch(`${fixture.server.baseURL}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'quorum/fast', stream: true, messages: [{ role: 'user', content: 'Heartbeats please' }] }),
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await response.text();
    const firstContent = text.indexOf('"content":"The');
    const beforeContent = text.slice(0, firstContent);
    expect(beforeContent.startsWith('data: {')).toBe(true);
    expect(beforeContent).toContain('"role":"assistant"');
    // Stage 1 alone takes 300 ms upstream; the heartbeat is every 100 ms.
    expect(beforeContent.match(/^: keep-alive$/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(performance.now() - started).toBeGreaterThan(300);
  });

  it('closes every upstream call when the client aborts mid-stream', async () => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'quorum/slow', messages: [{ role: 'user', content: 'Abort me please' }], stream: true },
      { signal: controller.signal },
    );
    const slowCalls = () => fixture.upstream.requests.filter((r) => r.model.startsWith('slow-') && JSON.stringify(r.body).includes('Abort me please'));
    await waitUntil(() => slowCalls().length === 3 && slowCalls().every((r) => r.status === 200), 10_000, 'three streaming answers');
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    const abortedAt = performance.now();
    controller.abort();
    await waitUntil(() => slowCalls().every((r) => r.clientClosed || r.endedAt !== undefined), 5_000, 'every upstream call to close');
    const closedAfter = Math.max(...slowCalls().map((r) => (r.clientClosedAt ?? r.endedAt!) - abortedAt));
    console.info(`upstream calls closed ${Math.round(closedAfter)} ms after the client abort`);
    expect(slowCalls().every((r) => r.clientClosed)).toBe(true);
    expect(closedAfter).toBeLessThan(2_000);
  });

  it('maps every refusal to the SDK’s error classes', async () => {
    const ask = (body: Record<string, unknown>) =>
      client.chat.completions.create({ model: 'quorum/fast', messages: [{ role: 'user', content: 'Hi' }], ...body } as never);
    await expect(ask({ model: 'gpt-4o' })).rejects.toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    await expect(ask({ model: 'gpt-4o' })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(ask({ n: 2 })).rejects.toMatchObject({ status: 400, param: 'n', type: 'invalid_request_error' });
    await expect(ask({ n: 2 })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(ask({ messages: [] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(ask({ messages: [{ role: 'user', content: 'Q' }, { role: 'assistant', content: 'A' }] })).rejects.toMatchObject({
      status: 400,
      param: 'messages',
    });
    await expect(ask({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] })).rejects.toMatchObject({
      status: 400,
      param: 'messages[0].content',
    });
    await expect(ask({ tools: [{ type: 'function', function: { name: 'f' } }] })).rejects.toMatchObject({ status: 400, param: 'tools' });
    // Sampling knobs are accepted and ignored: the tier decides.
    const ok = await ask({ temperature: 0.2, max_tokens: 5, seed: 1 });
    expect(ok.choices[0].message.content).toBe('The council agrees, says [q1].');
  });

  it('answers a run that produced nothing as an OpenAI error, streamed or not', async () => {
    const request = { model: 'quorum/broken', messages: [{ role: 'user' as const, content: 'Nobody can answer this' }] };
    await expect(client.chat.completions.create(request)).rejects.toMatchObject({ status: 502, code: 'council_failed' });
    const stream = await client.chat.completions.create({ ...request, stream: true });
    await expect(
      (async () => {
        for await (const chunk of stream) void chunk;
      })(),
    ).rejects.toThrow(/could not answer/);
  });

  it('refuses a body that is not JSON in OpenAI’s shape', async () => {
    const response = await fetch(`${fixture.server.baseURL}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});
