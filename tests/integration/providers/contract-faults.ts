import { describe, expect, it } from 'vitest';
import type { Fault } from '@/tests/support/fake-upstream';
import { API_KEY, collect, useFakeUpstream, type AdapterSubject } from './contract-helpers';

interface FaultCase {
  name: string;
  fault: Fault;
  expected: { reason: string; retryable: boolean; status?: number; retryAfterMs?: number };
  /** Text that arrived before the failure (the resilience layer discards it visibly). */
  partial?: boolean;
}

const CASES: FaultCase[] = [
  { name: 'a 500', fault: { kind: 'status', status: 500 }, expected: { reason: 'http_500', retryable: true, status: 500 } },
  {
    name: 'a 429 with retry-after in seconds',
    fault: { kind: 'status', status: 429, retryAfter: '2' },
    expected: { reason: 'rate_limited', retryable: true, status: 429, retryAfterMs: 2_000 },
  },
  {
    name: 'a 429 with retry-after-ms',
    fault: { kind: 'status', status: 429, retryAfterMs: '150', retryAfter: '1' },
    expected: { reason: 'rate_limited', retryable: true, status: 429, retryAfterMs: 150 },
  },
  { name: 'a 529 overloaded', fault: { kind: 'status', status: 529 }, expected: { reason: 'http_529', retryable: true, status: 529 } },
  { name: 'a 503 with retry-after', fault: { kind: 'status', status: 503, retryAfter: '3' }, expected: { reason: 'http_503', retryable: true, retryAfterMs: 3_000 } },
  { name: 'a 408', fault: { kind: 'status', status: 408 }, expected: { reason: 'http_408', retryable: true } },
  { name: 'a 400', fault: { kind: 'status', status: 400 }, expected: { reason: 'http_400', retryable: false, status: 400 } },
  { name: 'a 404', fault: { kind: 'status', status: 404 }, expected: { reason: 'http_404', retryable: false, status: 404 } },
  {
    name: 'a disconnect mid-stream',
    fault: { kind: 'disconnect', afterTokens: 3 },
    expected: { reason: 'network', retryable: true },
    partial: true,
  },
  {
    name: 'a malformed JSON chunk',
    fault: { kind: 'malformed', afterTokens: 2 },
    expected: { reason: 'invalid_response', retryable: true },
    partial: true,
  },
];

export function faultContract(subject: AdapterSubject): void {
  describe('faults', () => {
    const upstream = useFakeUpstream();

    for (const c of CASES) {
      it(`maps ${c.name} to ${c.expected.reason} (retryable: ${c.expected.retryable}) after exactly one request`, async () => {
        upstream().setScript('up-model', { content: 'one two three four five six seven', fault: c.fault });
        const model = subject.create(upstream().url, { id: 'member-1', model: 'up-model', apiKey: API_KEY });
        const outcome = await collect(model);

        expect(outcome.error).toBeDefined();
        expect(outcome.error).toMatchObject(c.expected);
        if (c.expected.retryAfterMs === undefined) expect(outcome.error!.retryAfterMs).toBeUndefined();
        expect(outcome.finish).toBeUndefined();
        if (c.partial) expect(outcome.deltas.length).toBeGreaterThan(0);
        expect(outcome.error!.message).toContain('member-1');
        expect(outcome.error!.message).not.toContain(API_KEY);
        // Adapters never retry on their own: the resilience layer is the one in force.
        expect(upstream().requests).toHaveLength(1);
      });
    }

    it('hands an error response and its headers to onResponse too', async () => {
      const seen: { status: number; headers: Headers }[] = [];
      upstream().setScript('up-model', {
        headers: subject.rateLimitHeaders,
        fault: { kind: 'status', status: 429, retryAfter: '1' },
      });
      const model = subject.create(upstream().url, {
        id: 'm',
        model: 'up-model',
        apiKey: API_KEY,
        onResponse: (info) => seen.push(info),
      });
      await collect(model);

      expect(seen.map((s) => s.status)).toEqual([429]);
      for (const [name, value] of Object.entries(subject.rateLimitHeaders)) expect(seen[0].headers.get(name)).toBe(value);
    });

    it('never lets the API key into the error, even when the upstream echoes it back', async () => {
      upstream().setScript('up-model', {
        fault: {
          kind: 'status',
          status: 401,
          message: (request) =>
            `Incorrect API key provided: ${API_KEY}; header was ${String(request.headers.authorization ?? request.headers['x-api-key'])}`,
        },
      });
      const model = subject.create(upstream().url, { id: 'm', model: 'up-model', apiKey: API_KEY });
      const { error } = await collect(model);

      expect(error).toMatchObject({ reason: 'http_401', retryable: false });
      expect(error!.message).toContain('Incorrect API key');
      for (const text of [error!.message, String(error), error!.stack ?? '', JSON.stringify(error)]) {
        expect(text).not.toContain(API_KEY);
      }
    });

    it('maps a refused connection to a retryable network error', async () => {
      const url = upstream().url;
      await upstream().close();
      const model = subject.create(url, { id: 'm', model: 'up-model', apiKey: API_KEY });
      const { error } = await collect(model);
      expect(error).toMatchObject({ reason: 'network', retryable: true });
    });

    it('lets a fault limited to the first attempt succeed on the next call', async () => {
      upstream().setScript('up-model', { content: 'ok now', fault: { kind: 'status', status: 500 }, faultAttempts: 1 });
      const model = subject.create(upstream().url, { id: 'm', model: 'up-model', apiKey: API_KEY });
      expect((await collect(model)).error?.reason).toBe('http_500');
      expect((await collect(model)).text).toBe('ok now');
      expect(upstream().requests.map((r) => r.attempt)).toEqual([1, 2]);
    });
  });
}
