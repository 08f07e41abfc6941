import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright';
import { launchBrowser } from './browser';
import { ask, lastTurn } from './app-page';

const baseURL = inject('baseURL');
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await Promise.all(pages.map((p) => p.context().close()));
  await browser?.close();
});

/** Opens the app with routes set before the first request (the meter asks for /api/usage as it mounts). */
async function openWith(routes: (page: Page) => Promise<void>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  pages.push(page);
  await routes(page);
  await page.goto(baseURL);
  await page.getByRole('radio').first().waitFor({ state: 'attached' });
  return page;
}

// A key's usage as GET /api/usage reports it; the real server runs in personal mode, so the browser is handed it.
const KEY_USAGE = {
  limited: true,
  limits: { dailyUsd: 2, monthlyUsd: 20, concurrent: 2 },
  inFlight: 0,
  day: { spentUsd: 0.5, reservedUsd: 0.25, remainingUsd: 1.25, limitUsd: 2, resetsAt: '2026-12-01T00:00:00.000Z' },
  month: { spentUsd: 4, reservedUsd: 0.25, remainingUsd: 15.75, limitUsd: 20, resetsAt: '2027-01-01T00:00:00.000Z' },
};

describe('budgets in the browser', () => {
  it('shows nothing about budgets in personal mode', async () => {
    let usage: Promise<Response> | undefined;
    const page = await openWith(async (p) => {
      // Listening before the page loads: the meter asks as it mounts.
      usage = p.waitForResponse('**/api/usage');
    });
    expect(await (await usage!).json()).toEqual({ limited: false });
    expect(await page.getByTestId('budget-meter').count()).toBe(0);
  });

  it('shows what is left of a key’s budget under the composer', async () => {
    const page = await openWith(async (p) => {
      await p.route('**/api/usage', (route) => route.fulfill({ json: KEY_USAGE }));
    });
    const meter = page.getByTestId('budget-meter');
    await meter.waitFor({ timeout: 30_000 });
    expect(await meter.innerText()).toBe('Budget: $1.25 of $2.00 left today · $15.75 of $20.00 this month · 0 of 2 runs in flight');
  });

  it('says why a question was refused and when to try again', async () => {
    const page = await openWith(async (p) => {
      await p.route('**/api/usage', (route) => route.fulfill({ json: { ...KEY_USAGE, day: { ...KEY_USAGE.day, remainingUsd: 0 } } }));
      await p.route('**/api/council', (route) =>
        route.fulfill({
          status: 429,
          headers: { 'retry-after': '21600' },
          json: {
            error: "This key's daily budget of $2.00 is spent or held by runs in flight (this run may cost up to $0.40). It renews at 2026-12-01T00:00:00Z.",
            code: 'budget_exhausted',
            retryAfterSeconds: 21600,
          },
        }),
      );
    });
    await ask(page, 'Is there budget left?');
    const error = lastTurn(page).getByTestId('stream-error');
    await error.waitFor({ timeout: 30_000 });
    const text = await error.innerText();
    expect(text).toMatch(/daily budget of \$2\.00/);
    expect(text).toMatch(/renews at 2026-12-01T00:00:00Z/);
    expect(text).toMatch(/Try again in about 6 h/);
  });
});
