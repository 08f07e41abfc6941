/**
 * axe-core (WCAG 2.1 AA + best practices) on a finished run — every tab, the final answer — and on the stats
 * page, in light and in dark mode: no serious or critical violation.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright';
import { expectNoSeriousViolations } from './axe';
import { launchBrowser } from './browser';
import { ask, lastTurn, openTab, waitForEnd } from './app-page';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(['light', 'dark'] as const)('accessibility in %s mode', (colorScheme) => {
  it('a finished run has no serious or critical axe violation on any tab', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
    try {
      const page = await context.newPage();
      await page.goto(baseURL);
      await page.getByRole('radio').first().waitFor({ state: 'attached' });
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
      await ask(page, 'What makes a good code review?');
      await waitForEnd(page, 'completed');
      await expect(lastTurn(page).getByTestId('final-answer').textContent()).resolves.toBeTruthy();
      await expectNoSeriousViolations(page, `the final answer (${colorScheme})`);
      for (const tab of ['Answers', 'Rankings', 'Timing']) {
        await openTab(page, tab);
        await lastTurn(page).getByRole('tabpanel').first().waitFor();
        await expectNoSeriousViolations(page, `the ${tab} tab (${colorScheme})`);
      }

      // The same run replayed from the history sidebar.
      await page.getByTestId('conversation-item').filter({ hasText: 'What makes a good code review' }).first().getByRole('button').first().click();
      await page.getByTestId('stored-conversation').getByTestId('assistant-turn').first().waitFor();
      await expectNoSeriousViolations(page, `a stored conversation (${colorScheme})`);
    } finally {
      await context.close();
    }
  });

  it('the stats page has no serious or critical axe violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
    try {
      const page = await context.newPage();
      await page.goto(`${baseURL}/stats`);
      await page.waitForSelector('[data-testid="model-table"], [data-testid="stats-empty"]');
      await expectNoSeriousViolations(page, `the stats page (${colorScheme})`);
    } finally {
      await context.close();
    }
  });
});
