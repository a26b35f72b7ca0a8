import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Not globally reachable although ipaddr.js 1.9 calls them unicast: benchmarking networks (RFC 2544). */
const REFUSED_IPV4 = [ipaddr.IPv4.parseCIDR('198.18.0.0/15')];
/** The only IPv6 addresses that are public: global unicast (2000::/3, RFC 4291), minus the ranges refused by name. */
const GLOBAL_IPV6 = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * Why an address may not be called (null: it may). Only ordinary public unicast is allowed: private (RFC 1918),
 * loopback, link-local (cloud metadata services live there), unique-local, CGNAT, multicast, broadcast, unspecified
 * and reserved ranges are refused, so that a subscription cannot make the server probe its own network. An
 * IPv4-mapped IPv6 address is judged as the IPv4 address it carries; the other IPv6 transition ranges (6to4, Teredo,
 * NAT64), which could reach an internal IPv4 address, are refused as well, and so is every IPv6 address outside
 * global unicast 2000::/3 (IPv4-compatible ::a.b.c.d, site-local fec0::/10, local NAT64 64:ff9b:1::/48, discard
 * 100::/64), which ipaddr.js would otherwise pass as plain unicast.
 */
export function refusedAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range !== 'unicast') return `${address} is a ${range} address`;
  if (parsed.kind() === 'ipv4' && REFUSED_IPV4.some((cidr) => (parsed as ipaddr.IPv4).match(cidr))) {
    return `${address} is a benchmarking address`;
  }
  if (parsed.kind() === 'ipv6' && !(parsed as ipaddr.IPv6).match(GLOBAL_IPV6)) return `${address} is not a global unicast address`;
  return null;
}

/**
 * Why a URL's host may not be called, judged without DNS (null: only the lookup can tell). An IP literal is judged as
 * its address; `localhost` and names under `.localhost` (RFC 6761), with or without the root's trailing dot, always
 * mean this machine. The hostname is the WHATWG URL's, so 2130706433, 0x7f.1 and full-width letters arrive here
 * already as 127.0.0.1 and localhost.
 */
export function refusedHostReason(hostname: string): string | null {
  const host = (hostname.startsWith('[') ? hostname.slice(1, -1) : hostname).toLowerCase();
  if (isIP(host)) return refusedAddressReason(host);
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  return name === 'localhost' || name.endsWith('.localhost') ? `${host} names this machine (loopback)` : null;
}

/** The error of a refused target; its message is what the attempt log shows. */
export class RefusedAddressError extends Error {
  constructor(host: string, reason: string) {
    super(`refused before connecting: ${host} → ${reason}; set WEBHOOK_ALLOW_PRIVATE=1 to allow such targets`);
    this.name = 'RefusedAddressError';
  }
}

/** Checks a URL's host when it can be judged without DNS: an IP literal (Node connects to those without calling `lookup`), or localhost. */
export function refusedLiteralHost(hostname: string): RefusedAddressError | null {
  const reason = refusedHostReason(hostname);
  return reason ? new RefusedAddressError(hostname.startsWith('[') ? hostname.slice(1, -1) : hostname, reason) : null;
}

/**
 * A `lookup` for http.request that resolves the host as usual and refuses it when any of its addresses may not be
 * called. The connection then goes to the address checked here, so a name that resolves differently a moment later
 * (DNS rebinding) cannot slip past.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    for (const { address } of addresses) {
      const reason = refusedAddressReason(address);
      if (reason) return callback(new RefusedAddressError(hostname, reason), '', 0);
    }
    if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
    if ((options as LookupOptions).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};
