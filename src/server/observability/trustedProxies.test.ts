import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, trustedProxyCheck } from './trustedProxies.ts';

describe('trustedProxyCheck', () => {
  it('trusts nobody when TRUST_PROXY is false', () => {
    const trusted = trustedProxyCheck(false);
    expect(trusted('127.0.0.1')).toBe(false);
    expect(trusted('10.0.0.5')).toBe(false);
  });

  it('trusts the listed addresses and ranges, and no others', () => {
    const trusted = trustedProxyCheck(['10.0.0.0/24', '192.0.2.7', '2001:db8::/32']);
    expect(trusted('10.0.0.200')).toBe(true);
    expect(trusted('10.0.1.1')).toBe(false);
    expect(trusted('192.0.2.7')).toBe(true);
    expect(trusted('::ffff:192.0.2.7')).toBe(true);
    expect(trusted('192.0.2.8')).toBe(false);
    expect(trusted('2001:db8::1')).toBe(true);
    expect(trusted('2001:db9::1')).toBe(false);
    expect(trusted(undefined)).toBe(false);
    expect(trusted('not an address')).toBe(false);
  });

  it('knows the range names TRUST_PROXY accepts', () => {
    const trusted = trustedProxyCheck(['loopback']);
    expect(trusted('127.0.0.1')).toBe(true);
    expect(trusted('127.8.9.10')).toBe(true);
    expect(trusted('::1')).toBe(true);
    expect(trusted('10.0.0.1')).toBe(false);
    expect(trustedProxyCheck(['uniquelocal'])('172.20.1.1')).toBe(true);
    expect(trustedProxyCheck(['linklocal'])('fe80::1')).toBe(true);
  });
});

describe('isLoopbackAddress', () => {
  it('is true for this machine only', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('192.168.1.10')).toBe(false);
    expect(isLoopbackAddress('::ffff:192.168.1.10')).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
  });
});
