import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright';
import { launchBrowser } from './browser';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PREMIUM = {
  id: 'premium',
  label: 'Premium',
  description: 'Needs a real key.',
  members: ['gpt-5.1', 'claude-sonnet-4.5'],
  chairman: 'gpt-5.1',
  simulated: false,
  available: false,
  missingKeys: ['OPENROUTER_API_KEY'],
  unavailableReason: 'Needs OPENROUTER_API_KEY set on the server.',
};

describe('a tier the server cannot run', () => {
  it('is shown disabled with the reason, and cannot be chosen', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      // The e2e server runs simulated (no key at all), so its own tiers are all available: add one as a server
      // missing a key lists it (the server side is covered by tests/integration/api/tiers-health-routes.test.ts).
      await page.route('**/api/tiers', async (route) => {
        const real = await (await route.fetch()).json();
        await route.fulfill({ json: { ...real, tiers: [...real.tiers, PREMIUM] } });
      });
      await page.goto(baseURL);
      const premium = page.getByRole('radio', { name: /Premium/ });
      await premium.waitFor({ state: 'attached' });
      expect(await premium.isDisabled()).toBe(true);
      expect(await page.getByTestId('tiers-unavailable').innerText()).toContain('Premium (Needs OPENROUTER_API_KEY set on the server.)');

      const chosenBefore = await page.locator('input[name="tier"]:checked').getAttribute('value');
      await page.locator('label', { hasText: 'Premium' }).click({ force: true });
      expect(await page.locator('input[name="tier"]:checked').getAttribute('value')).toBe(chosenBefore);
      expect(chosenBefore).not.toBe('premium');
    } finally {
      await context.close();
    }
  });
});
