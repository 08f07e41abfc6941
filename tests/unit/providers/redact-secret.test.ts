import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redactKeyLike, redactSecret } from '@/lib/providers/http/redact-secret';

describe('redactSecret', () => {
  it.each([
    ['an OpenAI key', 'Incorrect API key provided: sk\x2dproj-AbCdEf0123456789XyZ.', 'sk\x2dproj-AbCdEf0123456789XyZ'],
    ['an Anthropic key', 'invalid x-api-key sk\x2dant-api03-AbCdEf0123456789-XyZ_', 'sk\x2dant-api03-AbCdEf0123456789-XyZ_'],
    ['an OpenRouter key', 'key sk\x2dor-v1-0123456789abcdef0123 revoked', 'sk\x2dor-v1-0123456789abcdef0123'],
    ['a Quorum key', 'unknown key qk\x5fAbCdEfGhIjKlMnOpQrStUvWxYz012345', 'qk\x5fAbCdEfGhIjKlMnOpQrStUvWxYz012345'],
    ['a Bearer token', 'sent Authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
    ['an api_key parameter', 'GET /v1?api\x5fkey=s3cr3tvalue&x=1', 's3cr3tvalue'],
    ['a JSON apiKey field', '{"apiKey": "s3cr3tvalue"}', 's3cr3tvalue'],
    ['a password', 'pass\x77ord=hunter2', 'hunter2'],
    ['a long hex secret', 'token 9f86d081884c7d65\u{39}a2feaa0c55ad015a3bf4f1b in use', '9f86d081884c7d65\u{39}a2feaa0c55ad015a3bf4f1b'],
    ['a long base64 secret', 'secret QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkw== leaked', 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkw'],
  ])('redacts %s', (_name, text, secret) => {
    const out = redactSecret(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('redacts the configured key wherever it appears, even without a known shape', () => {
    expect(redactSecret('your key local-key-123 is wrong', 'local-key-123')).toBe('your key [redacted] is wrong');
  });

  it('leaves ordinary error text alone', () => {
    const text = 'anthropic/claude-sonnet-4.5 answered HTTP 429: Rate limit reached for requests per minute (max_tokens: 1200).';
    expect(redactSecret(text, 'x')).toBe(text);
    expect(redactKeyLike('internationalization-and-localization-considerations')).toBe('internationalization-and-localization-considerations');
  });

  it('never lets a random key embedded in any text through', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.stringMatching(/^[A-Za-z0-9]{20,40}$/), fc.string({ maxLength: 40 }), (before, body, after) => {
        const key = `sk-or-v1-${body}`;
        expect(redactSecret(`${before} ${key} ${after}`)).not.toContain(key);
      }),
    );
  });

  it('runs in linear time on 20,000-character adversarial input', () => {
    // Each pattern's repeats cannot share characters; a backtracking one would take seconds here.
    for (const text of ['a'.repeat(20_000), 'sk-' + '-'.repeat(20_000), 'api_key' + ' '.repeat(20_000), 'Bearer' + ' '.repeat(20_000), 'ab1'.repeat(7_000) + ' ']) {
      const start = performance.now();
      redactSecret(text, 'secret-key');
      expect(performance.now() - start).toBeLessThan(100);
    }
  });
});
