import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const FORBIDDEN = [/^@\/lib\/(providers|config|store|server|sse)(\/|$)/, /^openai(\/|$)/, /^@anthropic-ai\//, /^(better-sqlite3|pg|server-only)$/, /^node:/];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
}

describe('the browser bundle boundary', () => {
  it('keeps providers, config, storage, server code and SDKs out of lib/client and components', () => {
    const offenders: string[] = [];
    for (const file of [...sourceFiles('lib/client'), ...sourceFiles('components'), path.join(root, 'app/page.tsx')]) {
      for (const spec of importsOf(file)) {
        if (FORBIDDEN.some((re) => re.test(spec))) offenders.push(`${path.relative(root, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('recognises a forbidden import (the check itself works)', () => {
    expect(FORBIDDEN.some((re) => re.test('@/lib/providers/simulated'))).toBe(true);
    expect(importsOf(path.join(root, 'components/markdown.tsx'))).toContain('react-markdown');
  });
});
