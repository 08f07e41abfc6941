/**
 * A question typed before the page has hydrated is never silently dropped: the composer waits visibly
 * ("Loading…", disabled) until React runs, and a question sent before the council is ready (tiers still
 * loading) waits, visibly, and then goes.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Route } from 'playwright';
import { launchBrowser } from './browser';
import { lastTurn, waitForEnd } from './app-page';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Holds every matching request until the returned function is called. */
function holdRequests(): { handler: (route: Route) => void; release: () => void } {
  const held: Route[] = [];
  let released = false;
  return {
    handler: (route) => (released ? void route.continue() : void held.push(route)),
    release: () => {
      released = true;
      for (const route of held.splice(0)) void route.continue();
    },
  };
}

describe('early input', () => {
  it('before hydration the composer is disabled and says it is loading; afterwards the question goes', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const scripts = holdRequests();
      await page.route('**/_next/static/**/*.js', scripts.handler);
      await page.goto(baseURL, { waitUntil: 'domcontentloaded' });
      const box = page.getByLabel('Your question');
      await expect(box.isDisabled()).resolves.toBe(true);
      await expect(box.getAttribute('placeholder')).resolves.toBe('Loading…');
      await expect(page.getByRole('button', { name: 'Send' }).isDisabled()).resolves.toBe(true);

      scripts.release();
      await page.waitForFunction(() => !(document.getElementById('question') as HTMLTextAreaElement | null)?.disabled);
      await box.fill('Early bird question?');
      await box.press('Enter');
      await waitForEnd(page, 'completed');
      await expect(page.getByText('Early bird question?').count()).resolves.toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('a question sent while the tiers are still loading waits visibly and is sent once they arrive', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const tiers = holdRequests();
      await page.route('**/api/tiers', tiers.handler);
      await page.goto(baseURL);
      const box = page.getByLabel('Your question');
      await page.waitForFunction(() => !(document.getElementById('question') as HTMLTextAreaElement | null)?.disabled);
      await box.fill('Sent before the tiers?');
      await box.press('Enter');
      await expect(page.getByTestId('composer-queued').textContent()).resolves.toMatch(/Sending when the council is ready/);
      await expect(page.getByTestId('assistant-turn').count()).resolves.toBe(0);

      tiers.release();
      await waitForEnd(page, 'completed');
      await expect(lastTurn(page).getByTestId('final-answer').textContent()).resolves.toBeTruthy();
      await expect(page.getByTestId('composer-queued').count()).resolves.toBe(0);
      await expect(box.inputValue()).resolves.toBe('');
    } finally {
      await context.close();
    }
  });
});
