/** What the browser tests do on the page, named for the user's actions. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright';

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-results/e2e');

export async function openApp(browser: Browser, baseURL: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(baseURL);
  // The tier picker appears once GET /api/tiers has answered.
  await page.getByRole('radio').first().waitFor({ state: 'attached' });
  return page;
}

export async function chooseTier(page: Page, label: string): Promise<void> {
  await page.locator('label', { hasText: new RegExp(`^${label}$`) }).click();
  await page.waitForFunction((l) => {
    const checked = document.querySelector<HTMLInputElement>('input[name="tier"]:checked');
    return checked?.parentElement?.textContent === l;
  }, label);
}

export async function ask(page: Page, question: string): Promise<void> {
  const box = page.getByLabel('Your question');
  await box.fill(question);
  await box.press('Enter');
}

export function lastTurn(page: Page) {
  return page.getByTestId('assistant-turn').last();
}

export async function waitForEnd(page: Page, status: 'completed' | 'failed' | 'cancelled', timeout = 90_000): Promise<void> {
  await page.waitForSelector(`[data-testid="assistant-turn"][data-status="${status}"]`, { timeout });
}

export async function openTab(page: Page, name: string): Promise<void> {
  await lastTurn(page).getByRole('tab', { name, exact: true }).click();
}

/** Records every text the live region takes, from now on, in `window.__announcements`. */
export async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    const region = document.querySelector('[data-testid="live-region"]');
    const log: string[] = [];
    (window as unknown as { __announcements: string[] }).__announcements = log;
    if (!region) return;
    new MutationObserver(() => log.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  });
}

export async function announcements(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __announcements: string[] }).__announcements ?? []);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name);
  // A viewport as tall as the page, rather than fullPage: the sticky composer then sits where a user sees it.
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.screenshot({ path: file });
  await page.setViewportSize(viewport);
  return file;
}
