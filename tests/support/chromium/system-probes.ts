/** The real `ChromiumProbes`: the file system, the PATH, /etc/os-release, the user id and child processes. */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';
import type { ChromiumProbes } from './provide-chromium';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function which(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/** Reads ID and ID_LIKE (e.g. `ID=ubuntu`, `ID_LIKE=debian`); missing file (macOS, Windows): no ids. */
function osIds(): string[] {
  let text = '';
  try {
    text = readFileSync('/etc/os-release', 'utf8');
  } catch {
    return [];
  }
  const ids: string[] = [];
  for (const line of text.split('\n')) {
    const match = /^(ID|ID_LIKE)=(.*)$/.exec(line.trim());
    if (match) ids.push(...match[2].replace(/["']/g, '').toLowerCase().split(/\s+/).filter(Boolean));
  }
  return ids;
}

function privilege(): 'root' | 'sudo' | 'none' {
  if (process.getuid?.() === 0) return 'root';
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 5_000 });
  return sudo.status === 0 ? 'sudo' : 'none';
}

export function systemProbes(): ChromiumProbes {
  return {
    which,
    isExecutable,
    starts: (file) => spawnSync(file, ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0,
    playwrightChromiumPath: () => chromium.executablePath(),
    osIds,
    privilege,
    run: (command, args, { timeoutMs, env }) =>
      spawnSync(command, args, { stdio: 'inherit', timeout: timeoutMs, env: { ...process.env, ...env } }).status === 0,
    log: (line) => console.info(line),
  };
}
