import { describe, expect, it } from 'vitest';
import { waitUntil, type Behaviour } from '@/tests/support/fake-upstream';
import { API_KEY, chatRequest, collect, useFakeUpstream, type AdapterSubject } from './contract-helpers';

/** DESIGN.md §6: every upstream connection closed within 100 ms of a Stop. */
const STOP_BOUND_MS = 100;

export function lifecycleContract(subject: AdapterSubject): void {
  describe('cancellation and connections', () => {
    const upstream = useFakeUpstream();

    /** Starts a call, aborts it at the moment `when` says, and returns what both sides saw. */
    async function abortWhile(behaviour: Behaviour, when: (deltas: number) => boolean) {
      upstream().setScript('up-model', behaviour);
      const model = subject.create(upstream().url, { id: 'm', model: 'up-model', apiKey: API_KEY });
      const controller = new AbortController();
      let abortedAt = 0;
      const abort = () => {
        if (controller.signal.aborted) return;
        abortedAt = performance.now();
        controller.abort();
      };
      const outcomePromise = collect(model, chatRequest(), controller.signal, (n) => when(n) && abort());
      if (when(0)) {
        await waitUntil(() => upstream().requests.length === 1, 2_000, 'the request to arrive');
        abort();
      }
      const outcome = await outcomePromise;
      const [request] = upstream().requests;
      await waitUntil(() => request.clientClosed, 2_000, 'the upstream to see the client close');
      return { outcome, request, abortedAt };
    }

    it('ends a hang before the first byte when the signal aborts, closing the upstream connection at once', async () => {
      const { outcome, request, abortedAt } = await abortWhile({ fault: { kind: 'hang' } }, () => true);

      expect(outcome.error).toMatchObject({ reason: 'cancelled', retryable: false });
      expect(request.status).toBeUndefined();
      expect(request.clientClosedAt! - abortedAt).toBeLessThan(STOP_BOUND_MS);
    });

    it('ends a stall after some tokens when the signal aborts, closing the upstream connection at once', async () => {
      const { outcome, request, abortedAt } = await abortWhile(
        { content: 'a b c d e f g h', fault: { kind: 'stall', afterTokens: 3 } },
        (n) => n === 3,
      );

      expect(outcome.deltas).toHaveLength(3);
      expect(outcome.error).toMatchObject({ reason: 'cancelled', retryable: false });
      expect(outcome.finish).toBeUndefined();
      expect(request.clientClosedAt! - abortedAt).toBeLessThan(STOP_BOUND_MS);
    });

    it('closes a streaming upstream connection within 100 ms of a Stop, as seen by the upstream', async () => {
      const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
      const { outcome, request, abortedAt } = await abortWhile(
        { content: words, firstTokenMs: 1, tokensPerSecond: 100 },
        (n) => n === 2,
      );

      expect(outcome.error).toMatchObject({ reason: 'cancelled', retryable: false });
      expect(outcome.deltas.length).toBeLessThan(20);
      expect(request.clientClosed).toBe(true);
      expect(request.clientClosedAt! - abortedAt).toBeLessThan(STOP_BOUND_MS);
    });

    it('closes the upstream connection when the consumer stops reading', async () => {
      const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
      upstream().setScript('up-model', { content: words, tokensPerSecond: 100 });
      const model = subject.create(upstream().url, { id: 'm', model: 'up-model', apiKey: API_KEY });
      for await (const chunk of model.stream(chatRequest(), new AbortController().signal)) {
        if (chunk.type === 'delta') break;
      }
      await waitUntil(() => upstream().requests[0]?.clientClosed === true, 2_000, 'the upstream to see the close');
    });

    it('refuses an already-aborted signal without sending a request', async () => {
      const model = subject.create(upstream().url, { id: 'm', model: 'up-model', apiKey: API_KEY });
      const controller = new AbortController();
      controller.abort();
      const outcome = await collect(model, chatRequest(), controller.signal);

      expect(outcome.error).toMatchObject({ reason: 'cancelled', retryable: false });
      expect(upstream().requests).toHaveLength(0);
    });

    it('reuses a few keep-alive connections for many sequential and concurrent calls', async () => {
      upstream().setScript('up-model', { content: 'short answer here', firstTokenMs: 1, tokensPerSecond: 5_000 });
      const model = subject.create(upstream().url, { id: 'm', model: 'up-model', apiKey: API_KEY });
      for (let i = 0; i < 30; i++) expect((await collect(model)).error).toBeUndefined();
      const afterSequential = upstream().connectionsOpened;
      for (let round = 0; round < 3; round++) {
        const outcomes = await Promise.all(Array.from({ length: 10 }, () => collect(model)));
        expect(outcomes.every((o) => o.text === 'short answer here')).toBe(true);
        // The pool takes a moment to get a socket back after its body ends; a real council has gaps like this.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }

      expect(upstream().requests).toHaveLength(60);
      expect(afterSequential).toBeLessThanOrEqual(3);
      // 10 at once need about 10 sockets; every later round rides on them.
      expect(upstream().connectionsOpened).toBeLessThanOrEqual(afterSequential + 12);
      expect(upstream().connectionsOpened * 3).toBeLessThan(upstream().requests.length);
    });
  });
}
