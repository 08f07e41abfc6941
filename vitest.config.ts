import { defineConfig } from 'vitest/config';
import path from 'node:path';

const alias = { '@': path.resolve(__dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    // After the summary: every test skipped with a reason (a missing PostgreSQL or Redis, see requireService).
    reporters: ['default', './tests/support/skip-reasons-reporter.ts'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          // No PostgreSQL here (and none configured)? An embedded one for the run, so its tests run anyway.
          globalSetup: ['tests/support/postgres/embedded-postgres-setup.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Browser tests against the built app (next build + next start) in a real Chromium.
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // The browser first (fast, and a missing one should stop the run before the slow build).
          globalSetup: ['tests/e2e/chromium-setup.ts', 'tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
