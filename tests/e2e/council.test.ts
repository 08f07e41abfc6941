import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright';
import { launchBrowser } from './browser';
import { announcements, ask, chooseTier, lastTurn, openApp, openTab, recordAnnouncements, screenshot, waitForEnd } from './app-page';

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

async function open(viewport?: { width: number; height: number }) {
  const page = await openApp(browser, baseURL, viewport);
  pages.push(page);
  return page;
}

/**
 * Records, in the page, every length the first member's visible answer takes together with its badge status,
 * so that growth is seen however slowly the test itself is scheduled.
 */
async function recordAnswerGrowth(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: { length: number; status: string }[] = [];
    (window as unknown as { __growth: typeof log }).__growth = log;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="member-text"]')?.textContent ?? '';
      const status = document.querySelector('[data-testid="member-answer"] [data-testid="status-badge"]')?.getAttribute('data-status') ?? '';
      const length = text.includes('No text yet') ? 0 : text.length;
      const last = log[log.length - 1];
      if (!last || last.length !== length || last.status !== status) log.push({ length, status });
    }).observe(document.body, { childList: true, characterData: true, subtree: true });
  });
}

async function answerGrowth(page: Page): Promise<{ length: number; status: string }[]> {
  return page.evaluate(() => (window as unknown as { __growth: { length: number; status: string }[] }).__growth ?? []);
}

describe('a council run in the browser (simulated provider)', () => {
  it('streams answers, progresses through the stages, then shows rankings, the final answer and the waterfall', async () => {
    const page = await open();
    await expect(page.getByTestId('simulated-notice').textContent()).resolves.toMatch(/OPENROUTER_API_KEY/);
    await recordAnnouncements(page);
    await recordAnswerGrowth(page);
    await ask(page, 'How should a small team choose a database?');
    await waitForEnd(page, 'completed');

    const streaming = (await answerGrowth(page)).filter((s) => s.status === 'streaming' && s.length > 0).map((s) => s.length);
    // The first member's answer was seen at several lengths while it streamed, longer at the end than at
    // the start (not strictly monotonic: Markdown such as "**bold" shortens when its closing marks arrive).
    expect(new Set(streaming).size).toBeGreaterThanOrEqual(2);
    expect(streaming[streaming.length - 1]).toBeGreaterThan(streaming[0]);

    const said = await announcements(page);
    const stageOrder = ['Stage 1 of 3', 'Stage 2 of 3', 'Stage 3 of 3', 'Final answer ready'].map((s) => said.findIndex((a) => a.startsWith(s)));
    expect(stageOrder.every((i) => i >= 0)).toBe(true);
    expect(stageOrder).toEqual([...stageOrder].sort((a, b) => a - b));

    const turn = lastTurn(page);
    expect((await turn.getByTestId('final-answer').innerText()).trim().length).toBeGreaterThan(20);
    const memberTabs = await turn.getByRole('tablist', { name: 'Member answers' }).getByRole('tab').allInnerTexts();
    expect(memberTabs.map((t) => t.trim())).toEqual(['e2e-alpha', 'e2e-beta', 'e2e-gamma']);

    await openTab(page, 'Rankings');
    const table = turn.getByTestId('aggregate-table').first();
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);
    expect(await turn.getByTestId('judge-ranking').count()).toBeGreaterThanOrEqual(2);
    expect(await turn.getByTestId('chairman-saw').innerText()).toMatch(/The chairman saw e2e-/);
    await screenshot(page, 'finished-run-rankings.png');

    await openTab(page, 'Timing');
    for (const model of ['e2e-alpha', 'e2e-beta', 'e2e-gamma']) {
      expect(await turn.locator(`[data-testid="timing-bar"][data-stage="1"][data-model="${model}"]`).count()).toBe(1);
    }
    expect(await turn.locator('[data-testid="timing-bar"][data-stage="3"]').count()).toBeGreaterThanOrEqual(1);
    expect(await turn.getByTestId('stage-mark').count()).toBe(3);
    expect(await turn.getByTestId('run-totals').innerText()).toMatch(/Wall time[\s\S]*\d[\s\S]*Tokens[\s\S]*in/);

    expect(existsSync(await screenshot(page, 'finished-run-desktop.png'))).toBe(true);
    await page.setViewportSize({ width: 375, height: 812 });
    await openTab(page, 'Answers');
    // Usable on a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(existsSync(await screenshot(page, 'finished-run-375.png'))).toBe(true);

    // Dark mode follows the system setting.
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).not.toBe(light);
    await screenshot(page, 'finished-run-375-dark.png');
  });

  it('stops mid-run: the turn shows cancelled and nothing more arrives', async () => {
    const page = await open();
    await chooseTier(page, 'Cost');
    await ask(page, 'Explain consensus algorithms.');
    const turn = lastTurn(page);
    await page.waitForFunction(() => {
      const text = document.querySelector('[data-testid="member-text"]')?.textContent ?? '';
      return text.length > 20 && !text.includes('No text yet');
    }, undefined, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Stop' }).click();
    await waitForEnd(page, 'cancelled', 10_000);
    expect(await turn.getByTestId('turn-status').innerText()).toMatch(/cancelled/);

    const before = await turn.innerText();
    await page.waitForTimeout(1_500);
    expect(await turn.innerText()).toBe(before);
    // The composer is usable again.
    expect(await page.getByLabel('Your question').isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(0);
  });

  it('shows the members of the tier chosen, and runs that council', async () => {
    const page = await open();
    expect(await page.getByTestId('tier-members').innerText()).toMatch(/e2e-alpha, e2e-beta, e2e-gamma/);
    await chooseTier(page, 'Speed');
    const members = await page.getByTestId('tier-members').innerText();
    expect(members).toMatch(/e2e-delta, e2e-epsilon/);
    expect(members).not.toMatch(/e2e-alpha/);

    await ask(page, 'What is a tier?');
    await waitForEnd(page, 'completed');
    const tabs = await lastTurn(page).getByRole('tablist', { name: 'Member answers' }).getByRole('tab').allInnerTexts();
    expect(tabs.map((t) => t.trim())).toEqual(['e2e-delta', 'e2e-epsilon']);
  });

  it('shows a failing member with its reason while the run still completes', async () => {
    const page = await open();
    await chooseTier(page, 'Failing');
    await ask(page, 'What happens when a model fails?');
    await waitForEnd(page, 'completed');
    const turn = lastTurn(page);
    await turn.getByRole('tab', { name: 'e2e-broken' }).click();
    const answer = turn.locator('[data-testid="member-answer"][data-model="e2e-broken"]');
    expect(await answer.getByTestId('status-badge').getAttribute('data-status')).toBe('failed');
    expect(await answer.getByTestId('status-badge').innerText()).toMatch(/http_500/);
    expect(await answer.getByTestId('member-failure').innerText()).toMatch(/http_500/);
    expect((await turn.getByTestId('final-answer').innerText()).trim().length).toBeGreaterThan(20);
    await openTab(page, 'Timing');
    expect(await turn.locator('[data-testid="timing-bar"][data-model="e2e-broken"] [data-testid="failure-mark"]').count()).toBe(1);
  });

  it('renders a hostile answer inert: no script runs, no img with onerror, no javascript: link', async () => {
    const page = await open();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await chooseTier(page, 'Hostile');
    await ask(page, 'Say something dangerous.');
    await waitForEnd(page, 'completed');
    const turn = lastTurn(page);
    await turn.getByRole('tab', { name: 'e2e-xss' }).click();
    const text = turn.locator('[data-testid="member-answer"][data-model="e2e-xss"] [data-testid="member-text"]');
    await text.getByText('safe link').waitFor();
    // The payload is shown as text, not interpreted.
    expect(await text.innerText()).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('img[onerror]').count()).toBe(0);
    expect(await text.locator('img, script').count()).toBe(0);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((h) => /^\s*javascript:/i.test(h))).toEqual([]);
    expect(await text.getByText('click', { exact: true }).evaluate((el) => el.closest('a')?.getAttribute('href') ?? null)).toBeNull();
    expect(await text.getByRole('link', { name: 'safe link' }).getAttribute('href')).toBe('https://example.com/');
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
  });
});
