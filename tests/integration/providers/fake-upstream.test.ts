import { describe, expect, it } from 'vitest';
import { formatDuration } from '@/tests/support/fake-upstream/rate-limit';
import { useFakeUpstream } from './contract-helpers';

const openAIBody = (stream: boolean) => ({ model: 'm', stream, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hello there' }] });
const anthropicBody = (stream: boolean) => ({ model: 'm', stream, max_tokens: 50, system: 'be brief', messages: [{ role: 'user', content: 'hello there' }] });

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The `data:` payloads (and event names) of an SSE body, in order. */
function frames(text: string): { event?: string; data: string }[] {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => ({
      event: block.match(/^event: (.*)$/m)?.[1],
      data: block.match(/^data: (.*)$/m)?.[1] ?? '',
    }));
}

describe('the fake upstream speaks the vendors’ wire protocols', () => {
  const upstream = useFakeUpstream();

  it('streams OpenAI chunks, then a usage-only chunk (with cost when scripted), then [DONE]', async () => {
    upstream().setScript('m', { content: 'one two', cost: 0.5 });
    const res = await post(`${upstream().url}/api/v1/chat/completions`, openAIBody(true));
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const data = frames(await res.text()).map((f) => f.data);

    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('one two');
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 2, completion_tokens: 2, total_tokens: 4, cost: 0.5 } });
  });

  it('streams the Anthropic event sequence in the real order', async () => {
    upstream().setScript('m', { content: 'one two' });
    const res = await post(`${upstream().url}/v1/messages`, anthropicBody(true));
    const events = frames(await res.text());

    expect(events.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const e of events) expect(JSON.parse(e.data).type).toBe(e.event);
    expect(JSON.parse(events[6].data)).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } });
    // The system prompt counts towards input tokens, as Anthropic counts it.
    expect(JSON.parse(events[0].data).message.usage.input_tokens).toBe(4);
  });

  it('answers plain JSON when not asked to stream, in both protocols', async () => {
    upstream().setScript('m', { content: 'whole answer' });
    const openai = await (await post(`${upstream().url}/v1/chat/completions`, openAIBody(false))).json();
    const anthropic = await (await post(`${upstream().url}/v1/messages`, anthropicBody(false))).json();

    expect(openai).toMatchObject({ object: 'chat.completion', choices: [{ message: { content: 'whole answer' }, finish_reason: 'stop' }] });
    expect(anthropic).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'whole answer' }], stop_reason: 'end_turn' });
  });

  it('waits the scripted time to first token', async () => {
    upstream().setScript('m', { content: 'late', firstTokenMs: 60 });
    const started = performance.now();
    await (await post(`${upstream().url}/v1/chat/completions`, openAIBody(true))).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('counts a rate-limit window, reports it in OpenAI headers and refuses past it with retry-after-ms', async () => {
    upstream().setScript('m', { rateLimit: { requests: 2, windowMs: 60_000, style: 'openai' } });
    const url = `${upstream().url}/v1/chat/completions`;
    const answers = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(url, openAIBody(true));
      await res.text();
      answers.push(res);
    }

    expect(answers.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(answers.map((r) => r.headers.get('x-ratelimit-remaining-requests'))).toEqual(['1', '0', '0']);
    expect(answers[0].headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+m[\d.]+s$|^[\d.]+s$/);
    expect(Number(answers[2].headers.get('retry-after-ms'))).toBeGreaterThan(50_000);
  });

  it('reports an Anthropic-style window with an ISO reset time', async () => {
    upstream().setScript('m', { rateLimit: { requests: 5, windowMs: 1_000, style: 'anthropic' } });
    const res = await post(`${upstream().url}/v1/messages`, anthropicBody(true));
    await res.text();

    expect(res.headers.get('anthropic-ratelimit-requests-remaining')).toBe('4');
    const reset = Date.parse(res.headers.get('anthropic-ratelimit-requests-reset')!);
    expect(reset - Date.now()).toBeGreaterThan(0);
    expect(reset - Date.now()).toBeLessThanOrEqual(1_000);
  });

  it('records each request with its status and end, and answers 404 for an unknown route', async () => {
    const res = await post(`${upstream().url}/v2/nothing`, {});
    await res.text();

    expect(res.status).toBe(404);
    expect(upstream().requests[0]).toMatchObject({ path: '/v2/nothing', status: 404, clientClosed: false });
    expect(upstream().requests[0].endedAt).toBeGreaterThanOrEqual(upstream().requests[0].arrivedAt);
  });
});

describe('formatDuration', () => {
  it('writes resets the way OpenAI does', () => {
    expect(formatDuration(12)).toBe('12ms');
    expect(formatDuration(1_000)).toBe('1s');
    expect(formatDuration(1_500)).toBe('1.5s');
    expect(formatDuration(360_000)).toBe('6m0s');
  });
});
