/** Launches Chromium for the browser tests: Debian's /usr/bin/chromium where it exists, Playwright's own elsewhere. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined,
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
