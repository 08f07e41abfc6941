import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkSameOrigin, isOwnOrigin, type OriginFacts } from '@/lib/access/same-origin-rule';

const base: OriginFacts = {
  method: 'POST',
  secFetchSite: null,
  origin: null,
  host: 'quorum.example.com:3000',
  contentType: 'application/json',
  hasBody: true,
  cookieAuthenticated: true,
  bearer: false,
};

describe('same-origin rule for state-changing requests', () => {
  it('lets a same-origin JSON request with the session cookie through', () => {
    expect(checkSameOrigin({ ...base, secFetchSite: 'same-origin' }).ok).toBe(true);
    expect(checkSameOrigin({ ...base, origin: 'http://quorum.example.com:3000' }).ok).toBe(true);
    expect(checkSameOrigin({ ...base, origin: 'https://quorum.example.com:3000' }).ok).toBe(true);
  });

  it('refuses a cookie request that shows neither Sec-Fetch-Site nor Origin', () => {
    expect(checkSameOrigin(base).ok).toBe(false);
  });

  it('refuses cross-site and same-site requests, and a foreign or opaque Origin', () => {
    for (const secFetchSite of ['cross-site', 'same-site']) expect(checkSameOrigin({ ...base, secFetchSite }).ok).toBe(false);
    for (const origin of ['https://evil.example', 'http://quorum.example.com:3001', 'null', 'not a url']) {
      expect(checkSameOrigin({ ...base, origin }).ok).toBe(false);
      expect(checkSameOrigin({ ...base, origin, cookieAuthenticated: false }).ok).toBe(false);
    }
    // A lying Sec-Fetch-Site does not outvote a foreign Origin.
    expect(checkSameOrigin({ ...base, secFetchSite: 'same-origin', origin: 'https://evil.example' }).ok).toBe(false);
  });

  it('refuses a same-origin body that is not application/json', () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', null]) {
      expect(checkSameOrigin({ ...base, secFetchSite: 'same-origin', contentType }).ok).toBe(false);
    }
    expect(checkSameOrigin({ ...base, secFetchSite: 'same-origin', contentType: 'application/json; charset=utf-8' }).ok).toBe(true);
    expect(checkSameOrigin({ ...base, secFetchSite: 'same-origin', contentType: null, hasBody: false, method: 'DELETE' }).ok).toBe(true);
  });

  it('exempts Bearer requests and safe methods', () => {
    expect(checkSameOrigin({ ...base, bearer: true, secFetchSite: 'cross-site', contentType: 'text/plain' }).ok).toBe(true);
    expect(checkSameOrigin({ ...base, method: 'GET', secFetchSite: 'cross-site' }).ok).toBe(true);
  });

  it('lets a non-browser client without a cookie through with JSON, but not with text/plain', () => {
    expect(checkSameOrigin({ ...base, cookieAuthenticated: false }).ok).toBe(true);
    expect(checkSameOrigin({ ...base, cookieAuthenticated: false, contentType: 'text/plain' }).ok).toBe(false);
  });

  it('never lets a cross-site cookie request change state, whatever else it sends', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('POST', 'PATCH', 'DELETE', 'PUT'),
        fc.option(fc.constantFrom('cross-site', 'same-site')),
        fc.option(fc.webUrl()),
        fc.option(fc.string()),
        fc.boolean(),
        (method, site, origin, contentType, hasBody) => {
          fc.pre(site !== null || (origin !== null && !isOwnOrigin(origin, base.host)));
          expect(checkSameOrigin({ ...base, method, secFetchSite: site, origin, contentType, hasBody }).ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
