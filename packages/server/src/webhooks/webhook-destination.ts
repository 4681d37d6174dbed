import { BlockList, isIP } from 'node:net';

/** Why an address is not a public one: the kinds of network a webhook must not reach unless the operator allows it. */
export type NonPublicKind = 'loopback' | 'unspecified' | 'private' | 'link-local' | 'unique-local' | 'carrier-grade NAT' | 'multicast' | 'broadcast' | 'reserved';

export type AddressClass = { public: true } | { public: false; kind: NonPublicKind };

/** Ordered: the first range an address falls in names it. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) match the IPv4 rows. */
const RANGES: [NonPublicKind, string, number, 'ipv4' | 'ipv6'][] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['carrier-grade NAT', '100.64.0.0', 10, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '192.0.2.0', 24, 'ipv4'],
  ['reserved', '192.88.99.0', 24, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['reserved', '198.51.100.0', 24, 'ipv4'],
  ['reserved', '203.0.113.0', 24, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['broadcast', '255.255.255.255', 32, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['private', 'fec0::', 10, 'ipv6'],
  ['unique-local', 'fc00::', 7, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
  ['reserved', '2001::', 23, 'ipv6'],
  ['reserved', '2001:db8::', 32, 'ipv6'],
  ['reserved', '64:ff9b:1::', 48, 'ipv6'],
];
const LISTS = RANGES.map(([kind, network, prefix, type]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return { kind, list };
});

/**
 * Whether an IP address (v4 or v6, as `net.isIP` accepts it) is on the public internet. Addresses
 * that carry an IPv4 address (IPv4-mapped, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by it;
 * any other IPv6 address outside global unicast (2000::/3) is reserved.
 */
export function classifyAddress(address: string): AddressClass {
  const family = isIP(address);
  if (family === 0) return { public: false, kind: 'reserved' };
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { kind, list } of LISTS) if (list.check(address, type)) return { public: false, kind };
  if (family === 4) return { public: true };
  const words = ipv6Words(address.split('%')[0]);
  const embedded = words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff ? ipv4Of(words[6], words[7])
    : words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0) ? ipv4Of(words[6], words[7])
    : words[0] === 0x2002 ? ipv4Of(words[1], words[2])
    : null;
  if (embedded) return classifyAddress(embedded);
  return (words[0] & 0xe000) === 0x2000 ? { public: true } : { public: false, kind: 'reserved' };
}

/** The address a URL names literally (the WHATWG parser has already read 2130706433, 0x7f.1 and 127.1 as 127.0.0.1), or null for a host name. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) ? host : null;
}

/** Why a destination is refused, for a delivery's error and an endpoint's field error: the address, its kind, and the operator's way out. */
export function privateDestinationMessage(host: string, address: string, kind: NonPublicKind): string {
  const where = host === address ? address : `${host} resolves to ${address}, which`;
  return `${where} is a ${kind} address, not a public one; webhooks go only to public addresses unless the operator sets LEASEHOLD_WEBHOOK_ALLOW_PRIVATE=true (a receiver inside a private network).`;
}

/** The refusal of a URL that names a non-public address literally, or null (a host name is checked when connecting). */
export function literalDestinationProblem(url: URL): string | null {
  const literal = literalAddress(url);
  const found = literal === null ? null : classifyAddress(literal);
  return literal !== null && found && !found.public ? privateDestinationMessage(literal, literal, found.kind) : null;
}

function ipv6Words(address: string): number[] {
  // The URL parser writes every IPv6 form (embedded dotted quads included) as at most eight hex groups.
  const normal = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head, tail] = normal.includes('::') ? normal.split('::') : [normal, null];
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const first = parse(head);
  const last = tail === null ? [] : parse(tail);
  return [...first, ...new Array(8 - first.length - last.length).fill(0), ...last];
}

function ipv4Of(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
