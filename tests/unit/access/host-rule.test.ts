import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allowedHostsFrom, hostNameOf, isAllowedHost } from '@/lib/access/host-rule';
import { isLoopbackAddress } from '@/lib/access/loopback';

const allowed = allowedHostsFrom('quorum.example.com, Team.Example.org:8443');

describe('host rule', () => {
  it.each([
    ['localhost:3000', true],
    ['LOCALHOST', true],
    ['app.localhost:3000', true],
    ['127.0.0.1:3000', true],
    ['10.1.2.3', true],
    ['[::1]:3000', true],
    ['quorum.example.com', true],
    ['quorum.example.com.:443', true],
    ['team.example.org', true],
    ['evil.example', false],
    ['quorum.example.com.evil.example', false],
    ['localhost.evil.example', false],
    ['', false],
    ['local host', false],
    ['localhost:abc', false],
    ['[::1', false],
    ['999.1.1.1', false],
  ])('%s → %s', (host, expected) => {
    expect(isAllowedHost(host, allowed)).toBe(expected);
  });

  it('ignores the port for every allowed name', () => {
    fc.assert(
      fc.property(fc.constantFrom('localhost', 'quorum.example.com', '192.168.1.9'), fc.integer({ min: 1, max: 65535 }), (name, port) => {
        expect(isAllowedHost(`${name}:${port}`, allowed)).toBe(true);
      }),
    );
  });

  it('never allows a name the operator did not list, whatever it looks like', () => {
    fc.assert(
      fc.property(fc.domain(), (name) => {
        fc.pre(!allowed.has(name.toLowerCase()) && name.toLowerCase() !== 'localhost' && !name.toLowerCase().endsWith('.localhost'));
        expect(isAllowedHost(name, allowed)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary header text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (header) => {
        const name = hostNameOf(header);
        expect(name === null || typeof name === 'string').toBe(true);
        expect(typeof isAllowedHost(header, allowed)).toBe('boolean');
      }),
    );
  });
});

describe('loopback addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
    ['::ffff:10.0.0.1', false],
    ['128.0.0.1', false],
  ])('%s → %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});
