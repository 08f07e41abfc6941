/**
 * Sign-in, sign-out and ownership in a real Chromium (DESIGN.md §5): two users of one shared server each see
 * only their own history, and the sign-out control ends the session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchBrowser } from './browser';
import { ask, waitForEnd } from './app-page';
import { createKey, keysCli, newDataDir, removeDataDir, startQuorum, type QuorumServer } from './access/quorum-server';

let browser: Browser;
let server: QuorumServer;
let ana: string;
let ben: string;

beforeAll(async () => {
  const dataDir = newDataDir();
  ana = createKey(dataDir, 'ana');
  ben = createKey(dataDir, 'ben');
  [browser, server] = await Promise.all([launchBrowser(), startQuorum({ dataDir })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
});

async function signIn(page: Page, key: string, name: string): Promise<void> {
  await page.goto(server.baseURL);
  await page.waitForURL(/\/sign-in$/);
  await page.getByLabel('Access key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-name').filter({ hasText: name }).waitFor();
  await page.getByRole('radio').first().waitFor({ state: 'attached' });
}

async function historyTitles(page: Page): Promise<string[]> {
  return page.getByTestId('conversation-item').allTextContents();
}

describe('signing in and out in the browser', () => {
  it('shows a wrong key as an error and stays on the sign-in page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${server.baseURL}/sign-in`);
      await page.getByLabel('Access key').fill(`qk_${'x'.repeat(43)}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.locator('form [role="alert"]').textContent()).toContain('not valid');
      expect(page.url()).toMatch(/\/sign-in$/);
    } finally {
      await context.close();
    }
  });

  it('gives two users each only their own history, and signing out ends the session', async () => {
    const errors: string[] = [];
    const anaContext = await browser.newContext();
    const anaPage = await anaContext.newPage();
    anaPage.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    try {
      await signIn(anaPage, ana, 'ana');
      await ask(anaPage, 'Ana asks about tide tables');
      await waitForEnd(anaPage, 'completed');
      await anaPage.getByTestId('conversation-item').filter({ hasText: 'Ana asks about tide tables' }).first().waitFor({ timeout: 15_000 });

      await anaPage.getByRole('button', { name: 'Sign out' }).click();
      await anaPage.waitForURL(/\/sign-in$/);
      // The old cookie is gone and its session revoked: the app sends the browser back to sign in.
      await anaPage.goto(server.baseURL);
      await anaPage.waitForURL(/\/sign-in$/);
      // No CSP violation (or any other script error) on the way.
      expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    } finally {
      await anaContext.close();
    }

    const benContext = await browser.newContext();
    const benPage = await benContext.newPage();
    try {
      await signIn(benPage, ben, 'ben');
      await ask(benPage, 'Ben asks about bread ovens');
      await waitForEnd(benPage, 'completed');
      await benPage.getByTestId('conversation-item').filter({ hasText: 'Ben asks about bread ovens' }).first().waitFor({ timeout: 15_000 });
      const titles = await historyTitles(benPage);
      expect(titles.join('\n')).not.toContain('Ana asks');
    } finally {
      await benContext.close();
    }

    const againContext = await browser.newContext();
    const againPage = await againContext.newPage();
    try {
      await signIn(againPage, ana, 'ana');
      await againPage.getByTestId('conversation-item').filter({ hasText: 'Ana asks about tide tables' }).first().waitFor({ timeout: 15_000 });
      expect((await historyTitles(againPage)).join('\n')).not.toContain('Ben asks');
    } finally {
      await againContext.close();
    }
  });

  it('sends an open page to sign in once its key is revoked', async () => {
    const key = createKey(server.dataDir, 'cy');
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await expect.poll(async () => (await fetch(`${server.baseURL}/api/tiers`, { headers: { authorization: `Bearer ${key}` } })).status, { timeout: 10_000 }).toBe(200);
      await signIn(page, key, 'cy');
      expect(keysCli(server.dataDir, ['revoke', 'cy']).status).toBe(0);
      // The history sidebar refreshes every 5 s; its next request meets the revoked session.
      await page.waitForURL(/\/sign-in$/, { timeout: 30_000 });
    } finally {
      await context.close();
    }
  });
});
