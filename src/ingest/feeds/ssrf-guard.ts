import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Cloud metadata endpoints: refused even when private hosts are allowed. */
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

/** A feed URL or a redirect target that Herald refuses to fetch, and why. */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(
      `refused ${host} (${address}, ${range} address); set FEEDS_ALLOW_PRIVATE_HOSTS=true to fetch feeds on private networks`,
    );
  }
}

/**
 * Why an address may not be fetched, or undefined when it may. Only public unicast addresses
 * pass; IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export function refusedRange(address: string, allowPrivate: boolean): string | undefined {
  if (!ipaddr.isValid(address)) return 'invalid';
  const ip = ipaddr.process(address);
  const normal = ip.toString();
  if (METADATA.has(normal)) return 'cloud metadata';
  const range = ip.range() === 'unicast' && isIpv4Compatible(ip) ? 'ipv4Compatible' : ip.range();
  if (range === 'unicast') return undefined;
  if (allowPrivate && PRIVATE_RANGES.has(range)) return undefined;
  return range;
}

/**
 * "::a.b.c.d" (deprecated IPv4-compatible, ::/96): ipaddr.js calls it unicast, but it is never a
 * public address, and a stack with automatic tunnels reaches the IPv4 host it carries.
 */
function isIpv4Compatible(ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0);
}

const PRIVATE_RANGES = new Set([
  'loopback',
  'private',
  'linkLocal',
  'carrierGradeNat',
  'uniqueLocal',
  'unspecified',
]);

/** Throws BlockedAddressError unless the address may be fetched. */
export function assertAllowed(host: string, address: string, allowPrivate: boolean): void {
  const range = refusedRange(address, allowPrivate);
  if (range !== undefined) throw new BlockedAddressError(host, address, range);
}

/** Checks a URL whose host is an IP literal (no DNS lookup happens for those). */
export function assertLiteralHostAllowed(url: URL, allowPrivate: boolean): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) assertAllowed(url.hostname, host, allowPrivate);
}

export type Resolver = (host: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => {
    dnsLookup(host, { all: true }, (err, addresses) => {
      if (err) reject(err);
      else resolve(addresses);
    });
  });

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request: resolves the host, refuses it when any of its addresses is
 * refused, and hands the socket the very address it checked, so a second DNS answer (DNS
 * rebinding) can never slip in between the check and the connection.
 */
export function guardedLookup(allowPrivate: boolean, resolver: Resolver = systemResolver) {
  return (host: string, options: { all?: boolean | undefined }, callback: LookupCallback): void => {
    resolver(host)
      .then((addresses) => {
        if (addresses.length === 0) throw new Error(`no address for ${host}`);
        for (const a of addresses) assertAllowed(host, a.address, allowPrivate);
        const first = addresses[0] as LookupAddress;
        if (options.all === true) callback(null, addresses);
        else callback(null, first.address, first.family);
      })
      .catch((err: unknown) => {
        callback(err instanceof Error ? err : new Error(String(err)), '');
      });
  };
}
