/** The wait between two attempts at a settlement the ledger refused (Redis away), ms. */
const RETRY_EVERY_MS = 2_000;

/**
 * Settles now or, while the ledger is unreachable, keeps trying in the background until it works or the hold
 * would have lapsed anyway (the ledger then charges the full reservation: never an overspend). Resolves after
 * the first attempt: a run's end never waits on Redis.
 */
export async function settleUntilDone(
  attempt: () => Promise<void>,
  options: { giveUpAfterMs: number; log: (message: string) => void },
): Promise<void> {
  try {
    await attempt();
    return;
  } catch (error) {
    options.log(
      `Could not settle a run's budget yet (${error instanceof Error ? error.message : String(error)}); retrying in the background.`,
    );
  }
  const giveUpAt = Date.now() + options.giveUpAfterMs;
  const retry = () => {
    attempt().catch(() => {
      if (Date.now() + RETRY_EVERY_MS < giveUpAt) setTimeout(retry, RETRY_EVERY_MS).unref();
    });
  };
  setTimeout(retry, RETRY_EVERY_MS).unref();
}
