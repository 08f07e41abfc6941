import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright';
import { launchBrowser } from './browser';
import { ask, openApp, waitForEnd } from './app-page';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the history sidebar', () => {
  it('lists a new conversation while its first run is still going, not at the next poll', async () => {
    const page = await openApp(browser, baseURL);
    try {
      const question = `Which queue fits a small team, case ${Date.now()}?`;
      await ask(page, question);
      const item = page.getByTestId('conversation-item').filter({ hasText: 'Which queue fits a small team' });
      await item.first().waitFor({ timeout: 10_000 });
      // The list refreshed on the run's first event: the run (about 3 s here) has not finished yet, while
      // the periodic refresh would only have come 5 s after the page opened.
      const status = await page.getByTestId('assistant-turn').last().getAttribute('data-status');
      expect(status).toBe('running');
      await waitForEnd(page, 'completed');
    } finally {
      await page.context().close();
    }
  });
});
