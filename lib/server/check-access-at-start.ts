import 'server-only';
import { findListeningAddresses, recordBoundAddresses, type BoundAddress } from '@/lib/access/bound-address';
import { getStore } from '@/lib/store/get-store';

const CREATE_KEY = 'npm run keys -- create --name admin --admin';

function describe(addresses: BoundAddress[]): string {
  return addresses.length === 0 ? 'an address that could not be determined' : addresses.map((a) => `${a.address}:${a.port}`).join(', ');
}

/**
 * At start-up (DESIGN.md §5): records the address the server actually bound, and refuses to serve beyond
 * loopback before any access key exists, since everything would be open to the network. `QUORUM_AUTH=off`
 * lifts only that refusal: the server starts, shared, and answers 401 until a key is created.
 */
export async function checkAccessAtStart(): Promise<void> {
  const port = Number(process.env.PORT);
  const addresses = findListeningAddresses(Number.isInteger(port) && port > 0 ? port : undefined);
  recordBoundAddresses(addresses);
  const authOff = process.env.QUORUM_AUTH === 'off';
  const beyondLoopback = addresses.length === 0 || addresses.some((a) => !a.loopback);
  if (!beyondLoopback) {
    if (authOff) console.warn('Warning: QUORUM_AUTH=off is set; it changes nothing while Quorum listens on loopback only.');
    return;
  }
  let hasKeys: boolean;
  try {
    hasKeys = await (await getStore()).hasAccessKeys();
  } catch (error) {
    console.error(`Quorum cannot start: the store cannot be read to check access keys: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  if (hasKeys) return;
  if (authOff) {
    console.warn(
      `Warning: Quorum listens on ${describe(addresses)} with no access key, because QUORUM_AUTH=off. Every route except ` +
        `GET /api/health answers 401 until a key exists: ${CREATE_KEY}`,
    );
    return;
  }
  console.error(
    `Quorum cannot start: it listens on ${describe(addresses)}, which other machines can reach, and no access key exists. ` +
      `Create one first with \`${CREATE_KEY}\` (see "Sharing Quorum with a team" in the README), or listen on 127.0.0.1 ` +
      '(leave HOSTNAME unset, or -H 127.0.0.1). QUORUM_AUTH=off starts anyway, locked until a key exists.',
  );
  process.exit(1);
}
