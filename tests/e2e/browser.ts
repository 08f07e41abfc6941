/** Launches the Chromium that tests/e2e/chromium-setup.ts found or installed before the run. */
import { inject } from 'vitest';
import { chromium, type Browser } from 'playwright';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath'),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
