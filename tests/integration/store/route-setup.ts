import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import type { Store } from '@/lib/store/store';

const STORE_KEY = Symbol.for('quorum.store');
const SERVICE_KEY = Symbol.for('quorum.councilService');

/**
 * Fresh route modules on a fresh SQLite store in a temp QUORUM_DATA_DIR, configured through the normal
 * environment path (and QUORUM_CONFIG when `config` is given). Callers must `vi.mock('server-only', () => ({}))`.
 */
export async function loadStoreRoutes(config?: object, options: { brokenStorage?: boolean } = {}) {
  vi.resetModules();
  const holder = globalThis as Record<symbol, unknown>;
  await (holder[STORE_KEY] as Promise<Store> | undefined)?.then((s) => s.close()).catch(() => undefined);
  delete holder[STORE_KEY];
  delete holder[SERVICE_KEY];
  delete holder[Symbol.for('quorum.runHubs')];
  vi.unstubAllEnvs();
  const dir = mkdtempSync(path.join(tmpdir(), 'quorum-store-routes-'));
  // A data directory inside a regular file cannot be created: storage that fails to open.
  if (options.brokenStorage) writeFileSync(path.join(dir, 'file'), '');
  vi.stubEnv('QUORUM_DATA_DIR', path.join(dir, options.brokenStorage ? 'file/data' : 'data'));
  vi.stubEnv('DATABASE_URL', '');
  for (const name of ['OPENROUTER_API_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY']) vi.stubEnv(name, '');
  if (config) {
    const file = path.join(dir, 'quorum.json');
    writeFileSync(file, JSON.stringify(config));
    vi.stubEnv('QUORUM_CONFIG', file);
  } else {
    vi.stubEnv('QUORUM_CONFIG', '');
  }
  const [list, one, exported, council, storeModule, serviceModule] = await Promise.all([
    import('@/app/api/conversations/route'),
    import('@/app/api/conversations/[id]/route'),
    import('@/app/api/conversations/[id]/export/route'),
    import('@/app/api/council/route'),
    import('@/lib/store/get-store'),
    import('@/lib/server/council-service'),
  ]);
  const store = options.brokenStorage ? null : await storeModule.getStore();
  return {
    list,
    one,
    exported,
    council,
    store: store as Store,
    service: () => serviceModule.getCouncilService(),
    async cleanup() {
      await store?.close();
      delete holder[STORE_KEY];
      delete holder[SERVICE_KEY];
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

export function request(pathAndQuery: string, init: RequestInit = {}): Request {
  return new Request(`http://127.0.0.1${pathAndQuery}`, init);
}

export function patch(id: string, body: unknown): Request {
  return request(`/api/conversations/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
