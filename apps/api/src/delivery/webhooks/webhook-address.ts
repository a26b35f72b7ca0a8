import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Why an address may not be called (null: it may). Only ordinary public unicast is allowed: private (RFC 1918),
 * loopback, link-local (cloud metadata services live there), unique-local, CGNAT, multicast, broadcast, unspecified
 * and reserved ranges are refused, so that a subscription cannot make the server probe its own network. An
 * IPv4-mapped IPv6 address is judged as the IPv4 address it carries; the other IPv6 transition ranges (6to4, Teredo,
 * NAT64), which could reach an internal IPv4 address, are refused as well.
 */
export function refusedAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  return range === 'unicast' ? null : `${address} is a ${range} address`;
}

/** The error of a refused target; its message is what the attempt log shows. */
export class RefusedAddressError extends Error {
  constructor(host: string, reason: string) {
    super(`refused before connecting: ${host} → ${reason}; set WEBHOOK_ALLOW_PRIVATE=1 to allow such targets`);
    this.name = 'RefusedAddressError';
  }
}

/** Checks a URL's host when it is an IP literal (Node connects to those without calling `lookup`). */
export function refusedLiteralHost(hostname: string): RefusedAddressError | null {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (!isIP(host)) return null;
  const reason = refusedAddressReason(host);
  return reason ? new RefusedAddressError(host, reason) : null;
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
