/**
 * For tests that need a server the machine may not have (PostgreSQL, Redis, …). At the top level of a test file:
 *
 *   const hasPostgres = await requireService('PostgreSQL', () => postgresProblem(url), 'run scripts/ci-postgres.sh');
 *   describe.skipIf(!hasPostgres)('…', () => { … });
 *
 * The probe returns null when the service is there, else why it is not. There: true. Missing locally: false, and
 * one skipped test carries the reason, which tests/support/skip-reasons-reporter.ts prints at the end of the run.
 * Missing in CI (`CI` set): throws, so the file fails — CI must prove every test, not skip it.
 */
import { it } from 'vitest';

export type ServiceProbe = () => Promise<string | null> | string | null;

/** Where the reason goes when the service is missing locally; tests pass their own, files use the default. */
export interface RequireServiceOptions {
  /** Whether this is CI; default: `CI` is set to anything but '', '0' or 'false'. */
  ci?: boolean;
  /** Registers the skipped test that carries the reason; default: a vitest test that calls `skip(reason)`. */
  registerSkip?: (name: string, reason: string) => void;
}

/** Whether the `CI` variable's value means CI. */
export function isCi(ci: string | undefined = process.env.CI): boolean {
  const value = (ci ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

function registerVitestSkip(name: string, reason: string): void {
  it(name, (context) => context.skip(reason));
}

/** Resolves true when the service is reachable; see the module comment for what happens when it is not. */
export async function requireService(
  service: string,
  probe: ServiceProbe,
  hint: string,
  { ci = isCi(), registerSkip = registerVitestSkip }: RequireServiceOptions = {},
): Promise<boolean> {
  let problem: string | null;
  try {
    problem = await probe();
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  if (problem === null) return true;
  const reason = `${service} unavailable (${problem}): ${hint}`;
  if (ci) throw new Error(`${reason} — required in CI`);
  registerSkip(`needs ${service}`, reason);
  return false;
}
