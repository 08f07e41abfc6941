/** Whether a bound address (as `server.address()` reports it) is reachable from this machine only. */
export function isLoopbackAddress(address: string): boolean {
  const value = address.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (value === 'localhost' || value === '::1') return true;
  const v4 = value.startsWith('::ffff:') ? value.slice(7) : value;
  return /^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/.test(v4);
}
