import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openStore } from '@/lib/store/open-store';
import { runStoreContract } from './store-contract';

const root = mkdtempSync(path.join(tmpdir(), 'quorum-store-'));
let n = 0;
let current = '';
afterAll(() => rmSync(root, { recursive: true, force: true }));

runStoreContract({
  name: 'SQLite',
  open: () => {
    current = path.join(root, `db-${++n}`);
    return openStore({ dataDir: current });
  },
  reopen: () => openStore({ dataDir: current }),
});
