// Which addresses the watcher may connect to. Government sites are public; a link (or a
// redirect, or a DNS answer) that points at a private, loopback or link-local address is an
// attempt to reach the machine's own network and is refused unless the source allows it.
// The check runs on the resolved address at connect time, so DNS rebinding cannot slip past.
import { isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Forms that carry an IPv4 address in their low 32 bits and reach it (IPv4-mapped, and NAT64's
 * well-known prefix, which DNS64 answers and URLs use): judged by the embedded address, so a
 * public site behind NAT64 stays reachable and 64:ff9b::127.0.0.1 does not.
 */
const EMBEDS_IPV4 = [ipaddr.parseCIDR('::ffff:0:0/96'), ipaddr.parseCIDR('64:ff9b::/96')] as const;
/** IPv6 ranges ipaddr.js calls unicast that no public web site has: IPv4-compatible (deprecated). */
const ALSO_REFUSED = [ipaddr.parseCIDR('::/96')] as const;

/**
 * True for addresses a public web site never has: anything ipaddr.js does not class as plain
 * unicast (private, loopback, link-local, CGNAT, multicast, reserved, documentation, 6to4,
 * Teredo, site-local fec0::/10, NAT64's local-use 64:ff9b:1::/48, …).
 */
export function isPrivateAddress(address: string): boolean {
  const text = address.replace(/^\[|\]$/g, '');
  const bare = text.replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return ipaddr.IPv4.parse(bare).range() !== 'unicast';
  if (family !== 6) return true; // not an address at all: refuse
  // ipaddr.js reads a dotted tail (::1.2.3.4) as IPv4-mapped whatever the prefix: parse the
  // canonical hex form the URL standard writes instead
  const v6 = ipaddr.IPv6.parse(new URL(`http://[${bare}]/`).hostname.slice(1, -1));
  if (EMBEDS_IPV4.some((cidr) => v6.match(cidr))) return isPrivateAddress(embeddedIPv4(v6));
  if (ALSO_REFUSED.some((cidr) => v6.match(cidr))) return true;
  return v6.range() !== 'unicast';
}

const embeddedIPv4 = (v6: ipaddr.IPv6) => {
  const [hi, lo] = v6.parts.slice(6);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
};

class PrivateAddressError extends Error {
  readonly code = 'PRIVATE_ADDRESS';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A drop-in for dns.lookup (net.connect's `lookup` option) that refuses private answers. */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (bad)
        return callback(
          new PrivateAddressError(`${hostname} resolves to ${bad.address}, a private or loopback address`),
          '',
        );
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}
