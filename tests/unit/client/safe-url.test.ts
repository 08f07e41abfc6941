import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeUrl } from '@/lib/client/safe-url';

describe('safeUrl', () => {
  it('keeps http, https and mailto links', () => {
    expect(safeUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeUrl('http://example.com')).toBe('http://example.com/');
    expect(safeUrl('mailto:someone@example.com')).toBe('mailto:someone@example.com');
  });

  it('drops script, data and other schemes, however they are disguised', () => {
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)', '\u0001javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd']) {
      expect(safeUrl(url), url).toBeNull();
    }
  });

  it('drops relative links, which would point into this app', () => {
    expect(safeUrl('/api/council')).toBeNull();
    expect(safeUrl('#top')).toBeNull();
  });

  it('never returns anything but an http(s) or mailto URL', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('', 'javascript:', 'http://', 'mailto:', 'data:', ' JAVASCRIPT:'), (rest, prefix) => {
        const out = safeUrl(prefix + rest);
        if (out !== null) expect(out).toMatch(/^(https?:|mailto:)/);
      }),
    );
  });
});
