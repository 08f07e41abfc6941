/**
 * Resumable runs in a real Chromium (DESIGN.md §7): the network goes away mid-run and comes back, or the
 * page is reloaded mid-run; either way the answer completes and is the one the server stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import type { FakeUpstream } from '../support/fake-upstream';
import { ask, openApp } from './app-page';
import { launchBrowser } from './browser';
import { councilConfig, startCouncilUpstream, UPSTREAM_ENV, waitFor } from './support/council-fixture';
import { startNextInstance, type NextInstance } from './support/next-instance';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

let upstream: FakeUpstream;
let app: NextInstance;
let browser: Browser;
let proxy: TcpProxy;

beforeAll(async () => {
  // Stage 1 streams for ~3 s: time to go offline, or reload, in the middle of it.
  upstream = await startCouncilUpstream({ padWords: 90 });
  app = await startNextInstance({ config: councilConfig(upstream), env: UPSTREAM_ENV });
  proxy = await startTcpProxy(app.url);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await app?.stop();
  await upstream?.close();
});

async function waitForStreaming(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const turns = document.querySelectorAll('[data-testid="assistant-turn"]');
    const text = turns[turns.length - 1]?.querySelector('[data-testid="member-text"]')?.textContent ?? '';
    return text.length > 20 && !text.includes('No text yet');
  }, undefined, { timeout: 30_000 });
}

/** The stored run that answered `question` (by the conversations API). */
async function storedRunFor(question: string) {
  const list = (await (await fetch(`${app.url}/api/conversations?limit=50`)).json()) as { items: { id: string }[] };
  for (const item of list.items) {
    const detail = (await (await fetch(`${app.url}/api/conversations/${item.id}`)).json()) as {
      runs: { question: string; status: string; finalText: string | null; events: { type: string; reason?: string }[] }[];
    };
    const run = detail.runs.find((candidate) => candidate.question === question);
    if (run) return run;
  }
  return null;
}

describe('a run in the browser that outlives its connection', () => {
  it('carries on after the network goes away mid-run and comes back, showing "reconnecting…" meanwhile', async () => {
    // Through a proxy whose connections the test cuts: Chromium's offline mode fails new requests but leaves an
    // open stream alone, and a real network loss breaks both.
    const page = await openApp(browser, proxy.url);
    try {
      // A first run loads every lazily loaded part of the page: an outage that catches one of those chunks in
      // flight crashes the page by itself (Next's ChunkLoadError), which is not what this test is about.
      await ask(page, `Warm-up, case ${Date.now()}?`);
      await page.waitForSelector('[data-testid="assistant-turn"][data-status="completed"]', { timeout: 60_000 });
      const question = `Offline mid-run, case ${Date.now()}?`;
      await ask(page, question);
      await waitForStreaming(page);
      await page.context().setOffline(true);
      proxy.cut();
      await page.getByTestId('reconnecting').waitFor({ timeout: 10_000 });
      await page.waitForTimeout(1_500);
      await page.context().setOffline(false);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="assistant-turn"][data-status="completed"]').length === 2, undefined, {
        timeout: 60_000,
      });
      expect(await page.getByTestId('reconnecting').count()).toBe(0);
      expect(await page.getByTestId('stream-error').count()).toBe(0);

      const stored = await waitFor(() => storedRunFor(question), (run) => run?.status === 'completed');
      const shown = await page.getByTestId('final-answer').last().locator('div').first().innerText();
      expect(shown.trim()).toBe(stored!.finalText!.trim());
      // Nothing upstream was interrupted by the browser's outage.
      expect(upstream.requests.filter((r) => r.clientClosed)).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('re-attaches after a reload mid-run: the reopened conversation follows the run to its stored answer', async () => {
    const page = await openApp(browser, app.url);
    try {
      const question = `Reload mid-run, case ${Date.now()}?`;
      await ask(page, question);
      await waitForStreaming(page);
      await page.reload();
      await page.getByTestId('conversation-item').filter({ hasText: 'Reload mid-run' }).first().getByRole('button').first().click();
      const view = page.getByTestId('stored-conversation');
      await view.locator('[data-testid="assistant-turn"][data-status="running"]').waitFor({ timeout: 10_000 });
      await view.locator('[data-testid="assistant-turn"][data-status="completed"]').waitFor({ timeout: 60_000 });

      const stored = await waitFor(() => storedRunFor(question), (run) => run?.status === 'completed');
      const shown = await view.getByTestId('final-answer').last().locator('div').first().innerText();
      expect(shown.trim()).toBe(stored!.finalText!.trim());
    } finally {
      await page.context().close();
    }
  });

  it('stops through the server: Stop records run.cancelled at once and the turn shows the server’s word', async () => {
    const page = await openApp(browser, app.url);
    try {
      const question = `Stop me, case ${Date.now()}?`;
      const since = upstream.requests.at(-1)?.id ?? 0;
      await ask(page, question);
      await waitForStreaming(page);
      await page.getByRole('button', { name: 'Stop', exact: true }).click();
      await page.waitForSelector('[data-testid="assistant-turn"][data-status="cancelled"]', { timeout: 10_000 });
      // The run is recorded as cancelled by the server (a dropped stream alone would leave it running for the
      // 15 s grace, then record `detached`).
      const stored = await waitFor(() => storedRunFor(question), (run) => run?.status === 'cancelled', 5_000);
      expect(stored!.events.at(-1)).toMatchObject({ type: 'run.cancelled', reason: 'cancelled' });
      expect(await page.getByTestId('turn-status').last().innerText()).toMatch(/The run was cancelled/);
      const calls = upstream.requests.filter((r) => r.id > since);
      await waitFor(async () => calls.every((r) => r.endedAt !== undefined), Boolean, 5_000);
    } finally {
      await page.context().close();
    }
  });
});
