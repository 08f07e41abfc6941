/**
 * Runs before the app is built: finds (or installs) the Chromium the browser tests drive, so that `npm test`
 * needs nothing beyond `npm ci` (tests/support/chromium). Tests read its path with `inject('chromiumPath')`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ChromiumUnavailable, provideChromium } from '../support/chromium/provide-chromium';
import { systemProbes } from '../support/chromium/system-probes';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string;
  }
}

export default function setup(project: TestProject): void {
  const started = performance.now();
  let chromiumPath: string;
  try {
    const playwrightCli = path.join(path.dirname(createRequire(__filename).resolve('playwright/package.json')), 'cli.js');
    chromiumPath = provideChromium(systemProbes(), { node: process.execPath, playwrightCli });
  } catch (error) {
    if (!(error instanceof ChromiumUnavailable)) throw error;
    // One line, not a stack trace: the message already says what to run.
    const line = new Error(error.message);
    line.stack = error.message;
    throw line;
  }
  console.info(`[e2e] Chromium: ${chromiumPath} (${Math.round(performance.now() - started)} ms)`);
  project.provide('chromiumPath', chromiumPath);
}
