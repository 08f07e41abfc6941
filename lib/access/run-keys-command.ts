/**
 * `npm run keys` against a store: create (the key printed once, alone on the last line), list, revoke.
 * Exit codes: 0 done, 1 the store refused (a taken name, an unknown name, storage down), 2 bad arguments.
 */
import { randomUUID } from 'node:crypto';
import { DuplicateKeyNameError, type AccessKeyRecord, type Store } from '@/lib/store/store';
import { generateAccessKey, hashSecret } from './access-key';
import { KEYS_USAGE, parseKeysArgs } from './keys-cli-args';

export interface KeysIo {
  out(line: string): void;
  err(line: string): void;
}

export async function runKeysCommand(argv: string[], openStore: () => Promise<Store>, io: KeysIo): Promise<number> {
  const parsed = parseKeysArgs(argv);
  if (!parsed.ok) {
    io.err(`Error: ${parsed.error}`);
    io.err(KEYS_USAGE);
    return 2;
  }
  const command = parsed.value;
  if (command.command === 'help') {
    io.out(KEYS_USAGE);
    return 0;
  }
  let store: Store;
  try {
    store = await openStore();
  } catch (error) {
    io.err(`Error: cannot open the store: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  try {
    if (command.command === 'list') {
      const keys = await store.listAccessKeys();
      if (keys.length === 0) io.out('No keys yet. Create one with: npm run keys -- create --name NAME');
      for (const key of keys) io.out(describeKey(key));
      return 0;
    }
    if (command.command === 'revoke') {
      const revoked = await store.revokeAccessKey(command.name, new Date());
      if (!revoked) {
        io.err(`Error: there is no key named "${command.name}".`);
        return 1;
      }
      io.out(`Revoked "${revoked.name}" (at ${revoked.revokedAt}); it and its sessions stop working within 5 seconds.`);
      return 0;
    }
    const key = generateAccessKey();
    const created = await store.createAccessKey({
      id: randomUUID(),
      name: command.name,
      keyHash: hashSecret(key),
      admin: command.admin,
      limits: command.limits,
      tiers: command.tiers,
      createdAt: new Date(),
    });
    io.out(`Created ${describeKey(created)}`);
    io.out('This is the only time the key is shown; only its hash is stored. The key:');
    io.out(key);
    return 0;
  } catch (error) {
    if (error instanceof DuplicateKeyNameError) {
      io.err(`Error: ${error.message} Pick another name (revoked keys keep theirs).`);
      return 1;
    }
    io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await store.close();
  }
}

function describeKey(key: AccessKeyRecord): string {
  const limits = Object.entries(key.limits).map(([name, value]) => `${name}=${value}`);
  return [
    `"${key.name}"`,
    key.admin ? 'admin' : 'user',
    key.revokedAt ? `revoked ${key.revokedAt}` : 'active',
    `created ${key.createdAt}`,
    `limits: ${limits.length > 0 ? limits.join(' ') : 'config defaults'}`,
    `tiers: ${key.tiers ? key.tiers.join(',') : 'all'}`,
  ].join('  ');
}
