/**
 * The stats page from a seeded history: councils run on the simulated tiers through POST /api/council (the
 * same path as the browser), then /stats shows the models and judges with their charts; the app icons are
 * served and declared.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright';
import { launchBrowser } from './browser';
import { screenshot } from './app-page';

const baseURL = inject('baseURL');
let browser: Browser;

async function runCouncil(question: string, tier: string): Promise<string> {
  const response = await fetch(`${baseURL}/api/council`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question, tier }),
    signal: AbortSignal.timeout(90_000),
  });
  expect(response.status).toBe(200);
  // Reading to the end lets the run finish and be recorded.
  return response.text();
}

beforeAll(async () => {
  browser = await launchBrowser();
  const streams = [
    await runCouncil('Which sorting algorithm for nearly sorted data?', 'balanced'),
    await runCouncil('Tabs or spaces?', 'balanced'),
    await runCouncil('How to name a variable?', 'failing'),
  ];
  for (const stream of streams) expect(stream).toMatch(/event: run\.completed/);
});
afterAll(async () => {
  await browser?.close();
});

describe('the stats page', () => {
  it('GET /api/stats reports the seeded models and judges in the §8 shape', async () => {
    const body = await (await fetch(`${baseURL}/api/stats?days=1`)).json();
    const alpha = body.models.find((m: { model: string }) => m.model === 'e2e-alpha');
    expect(alpha.answers).toBeGreaterThanOrEqual(3);
    expect(alpha.averageRank).toBeGreaterThanOrEqual(1);
    expect(alpha.ttftMs.p50).toBeGreaterThan(0);
    expect(body.models.find((m: { model: string }) => m.model === 'e2e-broken').failures).toMatchObject({ http_500: expect.any(Number) });
    const judge = body.judges.find((j: { judge: string }) => j.judge === 'e2e-beta');
    expect(judge.rankings).toBeGreaterThanOrEqual(2);
    expect(judge.ci95[0]).toBeLessThanOrEqual(judge.firstShownBest);
    expect((await fetch(`${baseURL}/api/stats?days=0`)).status).toBe(400);
  });

  it('renders tables and both charts from the history, and is linked from the main page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(baseURL);
      await page.getByRole('link', { name: 'Stats' }).click();
      await page.waitForURL(/\/stats$/);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Quorum stats');
      const models = page.getByTestId('model-table');
      await models.waitFor();
      await expect(models.getByRole('rowheader', { name: 'e2e-alpha' }).count()).resolves.toBe(1);
      await expect(models.getByRole('row', { name: /e2e-broken/ }).textContent()).resolves.toMatch(/http_500 \d+/);
      await expect(page.getByTestId('judge-table').getByRole('rowheader', { name: 'e2e-gamma' }).count()).resolves.toBe(1);

      const rankChart = page.getByRole('img', { name: /Average rank per model/ });
      await expect(rankChart.locator('rect').count()).resolves.toBeGreaterThanOrEqual(3);
      const biasChart = page.getByRole('img', { name: /Position bias per judge/ });
      await expect(biasChart.getByTestId('expected-mark').count()).resolves.toBeGreaterThanOrEqual(3);
      await screenshot(page, 'stats-light.png');

      await page.getByLabel('Period').selectOption('7');
      await models.waitFor();
      await expect(models.getByRole('rowheader', { name: 'e2e-alpha' }).count()).resolves.toBe(1);
    } finally {
      await context.close();
    }
  });

  it('serves the favicon and app icons and declares them in the page', async () => {
    const ico = await fetch(`${baseURL}/favicon.ico`);
    expect(ico.status).toBe(200);
    const bytes = Buffer.from(await ico.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon).
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
    const svg = await fetch(`${baseURL}/icon.svg`);
    expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    const apple = await fetch(`${baseURL}/apple-touch-icon.png`);
    expect(apple.headers.get('content-type')).toMatch(/image\/png/);
    const html = await (await fetch(baseURL)).text();
    expect(html).toMatch(/<link rel="icon" href="\/icon.svg" type="image\/svg\+xml"/);
    expect(html).toMatch(/<link rel="apple-touch-icon" href="\/apple-touch-icon.png"/);
  });
});
