import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchBrowser } from './browser';
import { ask, lastTurn, openApp, openTab, waitForEnd } from './app-page';
import { expectNoSeriousViolations } from './axe';

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

async function openCustom(page: Page): Promise<void> {
  await page.locator('label', { hasText: /^Custom$/ }).click();
  await page.getByTestId('custom-council').waitFor();
}

/** Adds members by typing into the searchable list, then moving to each with ↓ and choosing it with Enter. */
async function addMembers(page: Page, search: string, ids: string[]): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Members' });
  for (const id of ids) {
    // A new search puts the active option back on the first match.
    await box.fill('');
    await box.fill(search);
    const listed = await page
      .getByRole('listbox', { name: 'Members' })
      .getByRole('option')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-model')));
    const index = listed.indexOf(id);
    expect(index, `${id} among ${listed.join(', ')}`).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) await box.press('ArrowDown');
    await box.press('Enter');
  }
}

async function chosenMembers(page: Page): Promise<string[]> {
  return page.getByTestId('chosen-model').evaluateAll((els) => els.map((el) => (el.firstChild?.textContent ?? '').trim()));
}

describe('a custom council in the browser', () => {
  it('builds a council from the searchable list, shows its worst case, and runs it in the chosen mode', async () => {
    const page = await open();
    await openCustom(page);
    await addMembers(page, 'slow', ['e2e-slow-a', 'e2e-slow-b']);
    expect(await chosenMembers(page)).toEqual(['e2e-slow-a', 'e2e-slow-b']);
    // The list is a proper listbox: the chosen options say so.
    const selected = await page.getByRole('listbox', { name: 'Members' }).getByRole('option', { selected: true }).count();
    expect(selected).toBe(2);
    // The custom-council view, its list open, passes axe in both colour schemes.
    await expectNoSeriousViolations(page, 'the custom-council view (light)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousViolations(page, 'the custom-council view (dark)');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('combobox', { name: 'Members' }).press('Escape');
    expect(await page.getByTestId('chairman-picker-value').innerText()).toContain('e2e-slow-a');
    await page.getByRole('radio', { name: 'Answers' }).check();

    const worst = page.getByTestId('worst-case-cost');
    const before = Number(await worst.getAttribute('data-usd'));
    expect(before).toBeGreaterThan(0);
    await page.getByLabel('Your question').fill('x'.repeat(4_000));
    const after = Number(await worst.getAttribute('data-usd'));
    expect(after).toBeGreaterThan(before);

    // The live meter: record every figure it shows, in the page, however slowly this test is scheduled.
    await page.evaluate(() => {
      const log: { tokens: number; estimated: string }[] = [];
      (window as unknown as { __cost: typeof log }).__cost = log;
      new MutationObserver(() => {
        const meter = document.querySelector('[data-testid="assistant-turn"] [data-testid="run-cost"]');
        if (!meter) return;
        const entry = { tokens: Number(meter.getAttribute('data-tokens')), estimated: meter.getAttribute('data-estimated') ?? '' };
        const last = log[log.length - 1];
        if (!last || last.tokens !== entry.tokens || last.estimated !== entry.estimated) log.push(entry);
      }).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    });
    await ask(page, 'Why do slow models still matter?');
    await waitForEnd(page, 'completed');

    const log = await page.evaluate(() => (window as unknown as { __cost: { tokens: number; estimated: string }[] }).__cost);
    const estimates = log.filter((e) => e.estimated === 'true').map((e) => e.tokens);
    // It moved while tokens streamed: several distinct estimates, growing.
    expect(new Set(estimates).size).toBeGreaterThanOrEqual(3);
    expect(estimates.at(-1)!).toBeGreaterThan(estimates[0]);
    const meter = lastTurn(page).getByTestId('run-cost');
    expect(await meter.getAttribute('data-estimated')).toBe('false');
    expect(Number(await meter.getAttribute('data-cost-usd'))).toBeGreaterThan(0);

    expect(await lastTurn(page).getByTestId('turn-status').innerText()).toContain('(answers)');
    expect(await lastTurn(page).getByTestId('final-source').innerText()).toMatch(/Longest answer, by e2e-slow-(a|b)/);
    await openTab(page, 'Answers');
    const tabs = await lastTurn(page).getByRole('tablist', { name: 'Member answers' }).getByRole('tab').allInnerTexts();
    expect(tabs.map((t) => t.trim())).toEqual(['e2e-slow-a', 'e2e-slow-b']);
    expect(await lastTurn(page).getByTestId('member-spend').first().getAttribute('data-estimated')).toBe('false');
  });

  it('saves a preset, keeps it across a reload, and reuses it, on a phone-sized screen', async () => {
    const page = await open({ width: 375, height: 800 });
    await openCustom(page);
    await addMembers(page, 'e2e-', ['e2e-alpha', 'e2e-beta']);
    const chairman = page.getByRole('combobox', { name: 'Chairman' });
    await chairman.fill('gamma');
    await chairman.press('Enter');
    expect(await page.getByTestId('chairman-picker-value').innerText()).toContain('e2e-gamma');
    await page.getByRole('radio', { name: 'Ranked' }).check();
    await page.getByLabel('Save as').fill('Trio');
    await page.getByRole('button', { name: 'Save preset' }).click();
    await page.getByText('Saved “Trio” in this browser.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.reload();
    await page.getByRole('radio').first().waitFor({ state: 'attached' });
    await openCustom(page);
    expect(await chosenMembers(page)).toEqual([]);
    await page.getByLabel('Preset', { exact: true }).selectOption('Trio');
    expect(await chosenMembers(page)).toEqual(['e2e-alpha', 'e2e-beta']);
    expect(await page.getByTestId('chairman-picker-value').innerText()).toContain('e2e-gamma');
    expect(await page.getByRole('radio', { name: 'Ranked' }).isChecked()).toBe(true);

    await ask(page, 'What is a good preset?');
    await waitForEnd(page, 'completed');
    expect(await lastTurn(page).getByTestId('turn-status').innerText()).toContain('(ranked)');
    expect(await lastTurn(page).getByTestId('final-source').innerText()).toMatch(/Top-ranked answer, by e2e-(alpha|beta)/);
    await openTab(page, 'Rankings');
    expect(await lastTurn(page).getByTestId('judge-ranking').count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  it('will not send a council of one', async () => {
    const page = await open();
    await openCustom(page);
    await addMembers(page, 'alpha', ['e2e-alpha']);
    expect(await page.getByTestId('custom-problem').innerText()).toMatch(/at least two/);
    await page.getByLabel('Your question').fill('Anyone?');
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
  });
});
