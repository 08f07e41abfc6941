/**
 * Runs once when the server starts. The Node.js half builds the council service at once, so that a bad
 * configuration is a start-up error rather than a 500 on the first request; records the address the server
 * bound (it runs after `listen`), refusing to serve the network before an access key exists; opens the store, so
 * that this instance takes its run lease and recovers lapsed instances' runs from the start (DESIGN.md §7); and
 * installs the SIGTERM / SIGINT drain.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `next build` loads this file too; a build must not need the run-time configuration and keys.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { checkConfigAtStart } = await import('@/lib/server/check-config-at-start');
  checkConfigAtStart();
  const { checkAccessAtStart } = await import('@/lib/server/check-access-at-start');
  await checkAccessAtStart();
  const { installShutdown } = await import('@/lib/server/install-shutdown');
  installShutdown();
  const { getStore } = await import('@/lib/store/get-store');
  // Storage trouble is not fatal: runs go on unrecorded and the next use tries again.
  getStore().catch((error: unknown) => console.error('Store unavailable at start:', error instanceof Error ? error.message : error));
}
