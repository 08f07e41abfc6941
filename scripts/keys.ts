/**
 * `npm run keys -- create|list|revoke`: manages access keys in the store the server uses (DATABASE_URL, or
 * the SQLite file in QUORUM_DATA_DIR), without the store's start-up maintenance, so it is safe beside a
 * running server.
 */
import { runKeysCommand } from '@/lib/access/run-keys-command';
import { parseEnv } from '@/lib/config/env';
import { openStore } from '@/lib/store/open-store';

void runKeysCommand(
  process.argv.slice(2),
  async () => {
    const env = parseEnv();
    return openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.QUORUM_DATA_DIR, maintenance: false });
  },
  { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) },
).then((code) => {
  process.exitCode = code;
});
