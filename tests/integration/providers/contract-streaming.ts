import { describe, expect, it } from 'vitest';
import { API_KEY, chatRequest, collect, useFakeUpstream, type AdapterSubject } from './contract-helpers';

const ANSWER = 'Paris is the capital of France, and has been for a long time.';

export function streamingContract(subject: AdapterSubject): void {
  describe('streaming', () => {
    const upstream = useFakeUpstream();

    it('streams the text in order, then one finish with usage and the finish reason', async () => {
      upstream().setScript('up-model', { content: ANSWER, firstTokenMs: 2, tokensPerSecond: 2_000 });
      const model = subject.create(upstream().url, { id: 'member-1', model: 'up-model', apiKey: API_KEY });
      const outcome = await collect(model);

      expect(outcome.error).toBeUndefined();
      expect(outcome.text).toBe(ANSWER);
      expect(outcome.deltas.length).toBeGreaterThan(1);
      expect(outcome.finish).toMatchObject({ type: 'finish', finishReason: subject.finishReasons.stop });
      expect(outcome.finish!.usage.output).toBe(ANSWER.split(' ').length);
      expect(outcome.finish!.usage.input).toBeGreaterThan(0);
      expect(model.id).toBe('member-1');
    });

    it('sends the upstream model name, the max tokens, the messages and asks for a stream', async () => {
      const model = subject.create(upstream().url, { id: 'member-1', model: 'vendor/model-x', apiKey: API_KEY });
      await collect(model, chatRequest({ maxTokens: 321 }));

      const [request] = upstream().requests;
      expect(request).toMatchObject({ model: 'vendor/model-x', stream: true });
      const body = request.body as { max_tokens: number; messages: { content: unknown }[] };
      expect(body.max_tokens).toBe(321);
      expect(JSON.stringify(body)).toContain('What is the capital of France?');
      expect(JSON.stringify(body)).toContain('You are a council member.');
    });

    it('reports the length finish reason when max tokens cut the answer', async () => {
      upstream().setScript('up-model', { content: 'one two three four five six' });
      const model = subject.create(upstream().url, { id: 'm', model: 'up-model', apiKey: API_KEY });
      const outcome = await collect(model, chatRequest({ maxTokens: 3 }));

      expect(outcome.text).toBe('one two three ');
      expect(outcome.finish).toMatchObject({ finishReason: subject.finishReasons.length, usage: { output: 3 } });
    });

    it('computes the cost from the configured price', async () => {
      upstream().setScript('up-model', { content: 'a b c d' });
      const pricing = { inputPerMTok: 2, outputPerMTok: 8 };
      const model = subject.create(upstream().url, { id: 'm', model: 'up-model', apiKey: API_KEY, pricing });
      const { finish } = await collect(model);

      const expected = (finish!.usage.input * 2 + finish!.usage.output * 8) / 1e6;
      expect(finish!.costUsd).toBeCloseTo(expected, 12);
      expect(finish!.costUsd).toBeGreaterThan(0);
    });

    it('leaves the cost unknown when there is neither a price nor a reported cost', async () => {
      const model = subject.create(upstream().url, { id: 'm', model: 'up-model', apiKey: API_KEY });
      const { finish } = await collect(model);
      expect(finish!.costUsd).toBeUndefined();
    });

    if (subject.reportsCost) {
      it("prefers the upstream's reported usage.cost over the configured price", async () => {
        upstream().setScript('up-model', { content: 'a b c d', cost: 0.00042 });
        const pricing = { inputPerMTok: 2, outputPerMTok: 8 };
        const model = subject.create(upstream().url, { id: 'm', model: 'up-model', apiKey: API_KEY, pricing });
        const { finish } = await collect(model);
        expect(finish!.costUsd).toBe(0.00042);
      });
    }

    it('hands every response, with its rate-limit headers, to onResponse', async () => {
      const seen: { status: number; headers: Headers }[] = [];
      upstream().setScript('up-model', { headers: subject.rateLimitHeaders });
      const model = subject.create(upstream().url, {
        id: 'm',
        model: 'up-model',
        apiKey: API_KEY,
        onResponse: (info) => seen.push(info),
      });
      await collect(model);

      expect(seen).toHaveLength(1);
      expect(seen[0].status).toBe(200);
      for (const [name, value] of Object.entries(subject.rateLimitHeaders)) expect(seen[0].headers.get(name)).toBe(value);
    });

    it('yields a finish and no text for an empty answer (the engine decides what empty means)', async () => {
      upstream().setScript('up-model', { fault: { kind: 'empty' } });
      const model = subject.create(upstream().url, { id: 'm', model: 'up-model', apiKey: API_KEY });
      const outcome = await collect(model);

      expect(outcome.error).toBeUndefined();
      expect(outcome.deltas).toEqual([]);
      expect(outcome.finish).toMatchObject({ usage: { output: 0 }, finishReason: subject.finishReasons.stop });
    });
  });
}
