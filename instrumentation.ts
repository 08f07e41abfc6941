/**
 * Runs once when the server starts. The Node.js half builds the council service at once, so that a bad
 * configuration is a start-up error rather than a 500 on the first request, and records the address the server
 * bound (it runs after `listen`), refusing to serve the network before an access key exists.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `next build` loads this file too; a build must not need the run-time configuration and keys.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { checkConfigAtStart } = await import('@/lib/server/check-config-at-start');
  checkConfigAtStart();
  const { checkAccessAtStart } = await import('@/lib/server/check-access-at-start');
  await checkAccessAtStart();
}
