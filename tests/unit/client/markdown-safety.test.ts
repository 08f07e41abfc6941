import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from '@/components/markdown';

const render = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe('Markdown rendering of untrusted model output', () => {
  it('shows raw HTML as text instead of elements', () => {
    const html = render('Look: <img src=x onerror=alert(1)> and <script>alert(2)</script>');
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('renders a javascript: link as inert text and keeps https links', () => {
    const html = render('[click](javascript:alert(1)) and [safe](https://example.com/) and [mail](mailto:a@b.c)');
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toMatch(/<span[^>]*>click<\/span>/);
    expect(html).toContain('href="https://example.com/"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('href="mailto:a@b.c"');
  });

  it('turns images into text so that no remote resource loads', () => {
    const html = render('![tracker](https://evil.example/pixel.png)');
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('[image: tracker]');
  });

  it('highlights fenced code and renders GFM tables', () => {
    const html = render('```js\nconst x = 1;\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |');
    expect(html).toMatch(/class="hljs language-js"/);
    expect(html).toContain('hljs-keyword');
    expect(html).toMatch(/<table>/);
  });

  it('never emits an event handler, script, iframe or javascript: URL, whatever the text', () => {
    const dangerous = fc.constantFrom(
      '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<iframe src="javascript:alert(1)">',
      '[x](javascript:alert(1))', '[x](JaVaScRiPt:alert(1))', '<a href="javascript:alert(1)">x</a>',
      '![x](javascript:alert(1))', '<svg onload=alert(1)>', '[x](data:text/html,<script>alert(1)</script>)',
      '<div onclick="alert(1)">x</div>', '[x]: javascript:alert(1)\n\n[y][x]',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(dangerous, fc.string({ maxLength: 10 })), { maxLength: 6 }), (parts) => {
        const html = render(parts.join(' '));
        expect(html).not.toMatch(/<(script|iframe|img|svg)\b/i);
        expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
        expect(html).not.toMatch(/(href|src)="\s*(javascript|data):/i);
      }),
      { numRuns: 200 },
    );
  });
});
