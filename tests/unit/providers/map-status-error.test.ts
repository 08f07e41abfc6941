import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRetryableStatus, statusError } from '@/lib/providers/http/model-call-errors';
import { redactSecret } from '@/lib/providers/http/redact-secret';

const ctx = { modelId: 'gpt-test', apiKey: 'sk-secret-123456' };

describe('statusError', () => {
  it('names a 429 rate_limited and carries the server-requested wait', () => {
    const error = statusError(ctx, 429, new Headers({ 'retry-after': '2' }));
    expect(error).toMatchObject({ reason: 'rate_limited', retryable: true, status: 429, retryAfterMs: 2000 });
  });

  it('retries 408, 409, 5xx and 529 but never other 4xx', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), (status) => {
        const error = statusError(ctx, status);
        const expected = status === 408 || status === 409 || status === 429 || status >= 500;
        expect(error.retryable).toBe(expected);
        expect(isRetryableStatus(status)).toBe(expected);
        expect(error.reason).toBe(status === 429 ? 'rate_limited' : `http_${status}`);
        expect(error.status).toBe(status);
      }),
    );
    expect(statusError(ctx, 529)).toMatchObject({ reason: 'http_529', retryable: true });
  });

  it('keeps the upstream detail but never the API key', () => {
    const error = statusError(ctx, 401, undefined, `Incorrect API key provided: ${ctx.apiKey}`);
    expect(error.message).toContain('401');
    expect(error.message).toContain('Incorrect API key');
    expect(error.message).not.toContain(ctx.apiKey);
  });
});

describe('redactSecret', () => {
  it('removes the key wherever it appears, and any bearer credential', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string({ minLength: 8 }), (before, after, key) => {
        fc.pre(!before.includes(key) && !after.includes(key) && !'[redacted]'.includes(key));
        const out = redactSecret(`${before}${key}${after}`, key);
        expect(out.includes(key)).toBe(false);
      }),
    );
    expect(redactSecret('header was Authorization: Bearer abc.def', 'zzzzzzzz')).toBe(
      'header was Authorization: Bearer [redacted]',
    );
  });
});
