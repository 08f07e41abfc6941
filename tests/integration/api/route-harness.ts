import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { createParser } from 'eventsource-parser';
import type { CouncilEvent } from '@/lib/council/events';

const KEY_VARIABLES = ['OPENROUTER_API_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY'];

/**
 * Fresh route modules configured through the normal path: QUORUM_CONFIG names a temp file and the
 * environment holds the keys. The module registry is reset, so each call gets its own CouncilService.
 */
export async function loadRoutes(config?: object, env: Record<string, string> = {}) {
  vi.resetModules();
  // The service lives on globalThis (one per process); drop the previous test's.
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('quorum.councilService')];
  // Detachable runs' hubs read the detach grace from the environment: each harness gets its own.
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('quorum.runHubs')];
  vi.unstubAllEnvs();
  for (const name of KEY_VARIABLES) vi.stubEnv(name, '');
  // Each harness gets its own data directory, so route tests never write into the repository's ./data.
  const dir = mkdtempSync(path.join(tmpdir(), 'quorum-routes-'));
  await closeStoreOfPreviousTest();
  vi.stubEnv('QUORUM_DATA_DIR', path.join(dir, 'data'));
  vi.stubEnv('DATABASE_URL', '');
  if (config) {
    const file = path.join(dir, 'quorum.json');
    writeFileSync(file, JSON.stringify(config));
    vi.stubEnv('QUORUM_CONFIG', file);
  } else {
    vi.stubEnv('QUORUM_CONFIG', '');
  }
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const [council, tiers, health, service] = await Promise.all([
    import('@/app/api/council/route'),
    import('@/app/api/tiers/route'),
    import('@/app/api/health/route'),
    import('@/lib/server/council-service'),
  ]);
  return {
    council,
    tiers,
    health,
    service,
    async cleanup() {
      await closeStoreOfPreviousTest();
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The store lives on globalThis (one per process): close the previous test's so its file can go. */
async function closeStoreOfPreviousTest(): Promise<void> {
  const holder = globalThis as Record<symbol, Promise<{ close(): Promise<void> }> | undefined>;
  const key = Symbol.for('quorum.store');
  const opening = holder[key];
  delete holder[key];
  if (opening) await opening.then((store) => store.close(), () => undefined);
}

export function councilRequest(body: unknown, signal?: AbortSignal): Request {
  return new Request('http://127.0.0.1/api/council', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
}

/** Reads SSE events from a response until `until` holds or the stream ends; bounded by a deadline. */
export async function readEvents(
  response: Response,
  until: (events: CouncilEvent[]) => boolean = () => false,
  deadlineMs = 15_000,
): Promise<{ events: CouncilEvent[]; ended: boolean; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  const events: CouncilEvent[] = [];
  const parser = createParser({ onEvent: (message) => events.push(JSON.parse(message.data) as CouncilEvent) });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const deadline = Date.now() + deadlineMs;
  while (!until(events)) {
    if (Date.now() > deadline) throw new Error(`no matching event within ${deadlineMs} ms (got ${events.length})`);
    const { value, done } = await reader.read();
    if (done) return { events, ended: true, reader };
    parser.feed(decoder.decode(value, { stream: true }));
  }
  return { events, ended: false, reader };
}

/** Polls `check` until it holds; bounded in count and time. */
export async function waitFor(check: () => boolean, deadlineMs = 10_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A simulated model that answers almost at once. */
export function fastSimModel(id: string, extra: object = {}) {
  return { id, provider: 'simulated', model: 'sim-swift', simulation: { firstTokenMs: 1, tokensPerSecond: 50_000, ...extra } };
}
