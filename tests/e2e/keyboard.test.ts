import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchBrowser } from './browser';
import { lastTurn, openApp, waitForEnd } from './app-page';

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

describe('the keyboard', () => {
  it('Shift+Enter adds a line, Enter sends, and arrow keys move between tabs', async () => {
    const page = await openApp(browser, baseURL);
    pages.push(page);
    const box = page.getByLabel('Your question');
    await box.click();
    await page.keyboard.type('First line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('Second line');
    expect(await box.inputValue()).toBe('First line\nSecond line');
    expect(await page.getByTestId('user-message').count()).toBe(0);
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('user-message').innerText()).toBe('First line\nSecond line');
    // While the run goes the box is disabled and Stop is offered.
    expect(await box.isDisabled()).toBe(true);
    await waitForEnd(page, 'completed');

    const answersTab = lastTurn(page).getByRole('tab', { name: 'Answers', exact: true });
    await answersTab.focus();
    await page.keyboard.press('ArrowRight');
    expect(await lastTurn(page).getByRole('tab', { name: 'Rankings', exact: true }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Rankings');
  });
});
