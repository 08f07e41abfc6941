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

/** Every listening TCP server of this process on `port` (when given), as bound. */
export function findListeningAddresses(port?: number): BoundAddress[] {
  const handles = (process as ProcessWithHandles)._getActiveHandles?.() ?? [];
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
