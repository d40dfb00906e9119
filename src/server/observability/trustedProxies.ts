// Which peers are reverse proxies whose X-Forwarded-* and X-Request-Id headers Circa believes, and
// which addresses are this machine. TRUST_PROXY (config.ts) names them; Fastify applies the same
// list to request.ip, and this module applies it where Fastify does not (the request id is chosen
// before Fastify reads any forwarded header).
import { BlockList, isIP } from 'node:net';
import type { TrustedProxies } from '../config.ts';

/** proxy-addr's range names, as TRUST_PROXY accepts them. */
const NAMED_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** An IPv4 address as a dual-stack socket reports it (::ffff:127.0.0.1) is that IPv4 address. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

function addRange(list: BlockList, range: string): void {
  const [address = '', prefix] = range.split('/');
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (prefix === undefined) list.addAddress(address, family);
  else list.addSubnet(address, Number(prefix), family);
}

function contains(list: BlockList, address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = plainAddress(address);
  const family = isIP(plain);
  if (family === 0) return false;
  return list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

/** A test for "is this peer one of the trusted proxies"; never true when TRUST_PROXY is false. */
export function trustedProxyCheck(
  trusted: TrustedProxies,
): (address: string | undefined) => boolean {
  if (trusted === false) return () => false;
  const list = new BlockList();
  for (const entry of trusted) {
    for (const range of NAMED_RANGES[entry] ?? [entry]) addRange(list, range);
  }
  return (address) => contains(list, address);
}

const loopback = new BlockList();
for (const range of NAMED_RANGES.loopback ?? []) addRange(loopback, range);

/** Whether an address is this machine (127.0.0.0/8 or ::1, IPv4-mapped or not). */
export function isLoopbackAddress(address: string | undefined): boolean {
  return contains(loopback, address);
}
