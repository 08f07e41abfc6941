import { describe, expect, it } from 'vitest';
import {
  ChromiumUnavailable,
  findChromium,
  provideChromium,
  type ChromiumProbes,
} from '../../support/chromium/provide-chromium';

const PLAYWRIGHT_PATH = '/home/me/.cache/ms-playwright/chromium-1/chrome-linux/chrome';
const TOOLS = { node: '/usr/bin/node', playwrightCli: '/repo/node_modules/playwright/cli.js' };

interface Machine {
  /** Executables present (and starting) now. */
  files?: string[];
  /** Present but failing `--version` (Ubuntu's snap stub). */
  broken?: string[];
  path?: Record<string, string>;
  osIds?: string[];
  privilege?: 'root' | 'sudo' | 'none';
  /** What a command installs when it runs: `command args…` → the file it makes appear (absent: it fails). */
  installs?: Record<string, string | null>;
}

/** A fake machine: records every command run; a command listed in `installs` succeeds and adds its file. */
function fakeMachine(machine: Machine) {
  const files = new Set([...(machine.files ?? []), ...(machine.broken ?? [])]);
  const ran: string[] = [];
  const probes: ChromiumProbes = {
    which: (command) => machine.path?.[command] ?? null,
    isExecutable: (file) => files.has(file),
    starts: (file) => files.has(file) && !(machine.broken ?? []).includes(file),
    playwrightChromiumPath: () => PLAYWRIGHT_PATH,
    osIds: () => machine.osIds ?? [],
    privilege: () => machine.privilege ?? 'none',
    run: (command, args) => {
      const line = [command, ...args].join(' ');
      ran.push(line);
      const result = machine.installs?.[line];
      if (result === undefined) return false;
      if (result) files.add(result);
      return true;
    },
    log: () => undefined,
  };
  return { probes, ran };
}

const PLAYWRIGHT_INSTALL = `${TOOLS.node} ${TOOLS.playwrightCli} install chromium`;

describe('findChromium', () => {
  it("prefers the distribution's package to anything else", () => {
    const { probes } = fakeMachine({ files: ['/usr/bin/chromium', '/opt/chrome', PLAYWRIGHT_PATH], path: { 'google-chrome': '/opt/chrome' } });
    expect(findChromium(probes)).toBe('/usr/bin/chromium');
  });

  it('finds a Chrome on the PATH, then Playwright\'s cache', () => {
    const onPath = fakeMachine({ files: ['/opt/chrome', PLAYWRIGHT_PATH], path: { 'google-chrome': '/opt/chrome' } });
    expect(findChromium(onPath.probes)).toBe('/opt/chrome');
    const cached = fakeMachine({ files: [PLAYWRIGHT_PATH] });
    expect(findChromium(cached.probes)).toBe(PLAYWRIGHT_PATH);
  });

  it('passes over a binary that exists but does not start (the snap stub)', () => {
    const { probes } = fakeMachine({ broken: ['/usr/bin/chromium-browser'], files: [PLAYWRIGHT_PATH] });
    expect(findChromium(probes)).toBe(PLAYWRIGHT_PATH);
  });

  it('returns null on a machine without one', () => {
    expect(findChromium(fakeMachine({ path: { chromium: '/nowhere/chromium' } }).probes)).toBeNull();
  });
});

describe('provideChromium', () => {
  it('runs nothing when a Chromium is already here (later runs make no network call)', () => {
    const { probes, ran } = fakeMachine({ files: [PLAYWRIGHT_PATH], osIds: ['debian'], privilege: 'root' });
    expect(provideChromium(probes, TOOLS)).toBe(PLAYWRIGHT_PATH);
    expect(ran).toEqual([]);
  });

  it("installs Playwright's Chromium first, and stops there when it works", () => {
    const { probes, ran } = fakeMachine({ osIds: ['debian'], privilege: 'root', installs: { [PLAYWRIGHT_INSTALL]: PLAYWRIGHT_PATH } });
    expect(provideChromium(probes, TOOLS)).toBe(PLAYWRIGHT_PATH);
    expect(ran).toEqual([PLAYWRIGHT_INSTALL]);
  });

  it('falls back to apt-get as root on Debian when the download fails', () => {
    const { probes, ran } = fakeMachine({
      osIds: ['debian'],
      privilege: 'root',
      installs: { 'apt-get update': null, 'apt-get install -y chromium': '/usr/bin/chromium' },
    });
    expect(provideChromium(probes, TOOLS)).toBe('/usr/bin/chromium');
    expect(ran).toEqual([PLAYWRIGHT_INSTALL, 'apt-get update', 'apt-get install -y chromium']);
  });

  it('uses passwordless sudo on an Ubuntu-like system (ID_LIKE)', () => {
    const sudo = 'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get';
    const { probes, ran } = fakeMachine({
      osIds: ['linuxmint', 'ubuntu', 'debian'],
      privilege: 'sudo',
      installs: { [`${sudo} update`]: null, [`${sudo} install -y chromium`]: '/usr/bin/chromium' },
    });
    expect(provideChromium(probes, TOOLS)).toBe('/usr/bin/chromium');
    expect(ran).toEqual([PLAYWRIGHT_INSTALL, `${sudo} update`, `${sudo} install -y chromium`]);
  });

  it('does not install chromium when apt-get update fails', () => {
    const { probes, ran } = fakeMachine({ osIds: ['debian'], privilege: 'root' });
    expect(() => provideChromium(probes, TOOLS)).toThrow(ChromiumUnavailable);
    expect(ran).toEqual([PLAYWRIGHT_INSTALL, 'apt-get update']);
  });

  it('fails with the one apt-get line to run on Debian without root or sudo', () => {
    const { probes, ran } = fakeMachine({ osIds: ['debian'], privilege: 'none' });
    expect(() => provideChromium(probes, TOOLS)).toThrow(/^No Chromium .*run `sudo apt-get install -y chromium`.*then `npm test` again\.$/);
    expect(ran).toEqual([PLAYWRIGHT_INSTALL]);
  });

  it('never tries apt-get off Debian and Ubuntu, and says to run the Playwright install', () => {
    const { probes, ran } = fakeMachine({ osIds: ['fedora'], privilege: 'root' });
    let message = '';
    try {
      provideChromium(probes, TOOLS);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/run `npx playwright install chromium`/);
    expect(message).not.toContain('apt-get');
    expect(message).not.toContain('\n');
    expect(ran).toEqual([PLAYWRIGHT_INSTALL]);
  });

  it('reports failure when an installer claims success but no usable binary appears', () => {
    const { probes } = fakeMachine({
      osIds: ['ubuntu'],
      privilege: 'root',
      installs: { [PLAYWRIGHT_INSTALL]: null, 'apt-get update': null, 'apt-get install -y chromium': null },
    });
    expect(() => provideChromium(probes, TOOLS)).toThrow(ChromiumUnavailable);
  });
});
