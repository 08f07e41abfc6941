import 'server-only';
import net from 'node:net';
import { isLoopbackAddress } from './loopback';

/**
 * The address the HTTP server actually bound (DESIGN.md §5: `HOSTNAME=0.0.0.0`, `next start -H 0.0.0.0`, or
 * `next start` with no -H, which binds every interface). Next does not expose its server, and the origin it
 * publishes (`__NEXT_PRIVATE_ORIGIN`) says "localhost" for 0.0.0.0 too; but start-server.js calls
 * `server.listen(port, hostname)` and runs instrumentation only after `listening`, with `process.env.PORT` set
 * to the bound port. So at instrumentation time the listening net.Server on that port is in the process's
 * handles, and its `address()` is the truth.
 */

export interface BoundAddress {
  address: string;
  port: number;
  loopback: boolean;
}

const BOUND_KEY = Symbol.for('quorum.access.boundAddress');
type Holder = { [BOUND_KEY]?: BoundAddress[] };

type ProcessWithHandles = NodeJS.Process & { _getActiveHandles?: () => unknown[] };

/**
 * Every listening TCP server of this process on `port` (when given), as bound. Should a Node.js release drop
 * the handle list, the address Next was asked to bind (`-H`, or HOSTNAME for the standalone server) stands in,
 * and no address at all means Next's default: every interface.
 */
export function findListeningAddresses(port?: number): BoundAddress[] {
  const list = (process as ProcessWithHandles)._getActiveHandles;
  if (typeof list !== 'function') return declaredAddress(port ?? 0);
  const handles = list.call(process);
  const found: BoundAddress[] = [];
  for (const handle of handles) {
    if (!(handle instanceof net.Server) || !handle.listening) continue;
    const address = handle.address();
    if (!address || typeof address === 'string') continue;
    if (port !== undefined && address.port !== port) continue;
    found.push({ address: address.address, port: address.port, loopback: isLoopbackAddress(address.address) });
  }
  return found;
}

function declaredAddress(port: number): BoundAddress[] {
  const argv = process.argv;
  let host: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-H' || argv[i] === '--hostname') host = argv[i + 1];
    else if (argv[i].startsWith('--hostname=')) host = argv[i].slice('--hostname='.length);
  }
  host ??= process.env.HOSTNAME || '0.0.0.0';
  return [{ address: host, port, loopback: isLoopbackAddress(host) }];
}

/** Records what the server bound; called once from instrumentation. Empty means it could not be found. */
export function recordBoundAddresses(addresses: BoundAddress[]): void {
  (globalThis as Holder)[BOUND_KEY] = addresses;
}

/**
 * True when the server listens on a non-loopback address, or when that could not be established at start-up
 * (failing closed). Undefined before instrumentation ran: route tests that call handlers directly.
 */
export function listensBeyondLoopback(): boolean | undefined {
  const bound = (globalThis as Holder)[BOUND_KEY];
  if (bound === undefined) return undefined;
  return bound.length === 0 || bound.some((b) => !b.loopback);
}
