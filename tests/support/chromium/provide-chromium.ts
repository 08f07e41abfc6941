/**
 * Gives the browser tests a Chromium on any machine, in this order: one already here (the distribution's
 * package, a Chrome or Chromium on the PATH, Playwright's cache); else Playwright's download; else, on Debian or
 * Ubuntu with root or passwordless sudo, the distribution's package; else one line that says what to run.
 * Everything the machine is asked goes through `ChromiumProbes`, so the order is unit-tested without touching it.
 */

/** What the finder may ask of the machine. `systemProbes()` is the real one; tests pass their own. */
export interface ChromiumProbes {
  /** Absolute path of a command on the PATH, or null. */
  which(command: string): string | null;
  /** Whether the file exists and is executable. */
  isExecutable(path: string): boolean;
  /** Whether the binary really starts (`--version`): Ubuntu's snap stub exists but does not. */
  starts(path: string): boolean;
  /** Where Playwright keeps its own Chromium (whether or not it is installed). */
  playwrightChromiumPath(): string;
  /** `ID` and `ID_LIKE` of /etc/os-release, lower case; empty elsewhere. */
  osIds(): string[];
  /** Who may install system packages: root itself, passwordless sudo, or nobody. */
  privilege(): 'root' | 'sudo' | 'none';
  /** Runs a command with the output shown, bounded in time; true when it exited 0. */
  run(command: string, args: string[], options: { timeoutMs: number; env?: Record<string, string> }): boolean;
  /** Says what it is doing (installing takes minutes: the user should know why). */
  log(line: string): void;
}

/** The distribution's packages first, then any Chrome or Chromium on the PATH. */
const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const PATH_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

export const PLAYWRIGHT_INSTALL_TIMEOUT_MS = 5 * 60_000;
export const APT_TIMEOUT_MS = 10 * 60_000;

/** No Chromium, and nothing this machine allows could install one. The message is the one line to show. */
export class ChromiumUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChromiumUnavailable';
  }
}

/** The first usable Chromium already on this machine, or null. Never touches the network. */
export function findChromium(probes: ChromiumProbes): string | null {
  const candidates = [
    ...SYSTEM_PATHS,
    ...PATH_COMMANDS.map((command) => probes.which(command)),
    probes.playwrightChromiumPath(),
  ];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (!candidate || seen.has(candidate)) continue;
    seen.add(candidate);
    if (probes.isExecutable(candidate) && probes.starts(candidate)) return candidate;
  }
  return null;
}

function isDebianLike(probes: ChromiumProbes): boolean {
  return probes.osIds().some((id) => id === 'debian' || id === 'ubuntu');
}

/**
 * Returns the path of a usable Chromium, installing one if needed (see the module comment for the order).
 * `playwrightCli` is the path of Playwright's cli.js; `node` the Node.js binary that runs it.
 */
export function provideChromium(probes: ChromiumProbes, tools: { node: string; playwrightCli: string }): string {
  const found = findChromium(probes);
  if (found) return found;

  probes.log('[chromium] none found: installing Playwright\'s Chromium (npx playwright install chromium) …');
  if (probes.run(tools.node, [tools.playwrightCli, 'install', 'chromium'], { timeoutMs: PLAYWRIGHT_INSTALL_TIMEOUT_MS })) {
    const installed = findChromium(probes);
    if (installed) return installed;
  }

  const debianLike = isDebianLike(probes);
  const privilege = probes.privilege();
  if (debianLike && privilege !== 'none') {
    probes.log('[chromium] Playwright\'s download failed: installing the distribution\'s chromium with apt-get …');
    // Root runs apt-get itself; anyone else through sudo -n, which fails at once rather than ask for a password
    // (and resets the environment, hence `env` to keep apt from asking questions).
    const apt = (...args: string[]) =>
      privilege === 'root'
        ? probes.run('apt-get', args, { timeoutMs: APT_TIMEOUT_MS, env: { DEBIAN_FRONTEND: 'noninteractive' } })
        : probes.run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], { timeoutMs: APT_TIMEOUT_MS });
    const installed = apt('update') && apt('install', '-y', 'chromium');
    const found = installed ? findChromium(probes) : null;
    if (found) return found;
  }

  throw new ChromiumUnavailable(
    debianLike
      ? 'No Chromium for the browser tests, and none could be installed: run `sudo apt-get install -y chromium` (or `npx playwright install chromium` with internet access), then `npm test` again.'
      : 'No Chromium for the browser tests, and none could be installed: run `npx playwright install chromium` (needs internet access), then `npm test` again.',
  );
}
