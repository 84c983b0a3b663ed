import dns from 'node:dns';
import net from 'node:net';
import { msg, render, translator, type Msg } from '../web/i18n.js';

/**
 * Where a webhook may go. An admin's URL must not reach into the server's own network (SSRF):
 * loopback, private, link-local, unique-local and other non-public ranges are refused unless
 * ALLOW_PRIVATE_WEBHOOKS is set. A name is judged by every address it resolves to, at creation
 * and again at each delivery (a name can be re-pointed after it was checked: DNS rebinding).
 */

/** Non-public IPv4 ranges as [network, prefix length]. */
const privateV4: [number, number][] = [
  [0x00000000, 8], // 0/8 "this network"
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // 127/8 loopback
  [0xa9fe0000, 16], // 169.254/16 link-local (cloud metadata)
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // 192.0.0/24 IETF protocol assignments
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xe0000000, 4], // 224/4 multicast
  [0xf0000000, 4], // 240/4 reserved, broadcast
];

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

function isPrivateV4Int(n: number): boolean {
  return privateV4.some(([base, bits]) => n >>> (32 - bits) === base >>> (32 - bits));
}

/** The 16 bytes of an IPv6 address (with or without an embedded dotted quad), or undefined. */
export function v6Bytes(ip: string): number[] | undefined {
  let s = ip.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    // An embedded IPv4 address (::ffff:1.2.3.4) is the last two groups.
    if (!net.isIPv4(dotted[1]!)) return undefined;
    const n = v4ToInt(dotted[1]!);
    s = `${s.slice(0, -dotted[1]!.length)}${((n >>> 16) & 0xffff).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) =>
    part === '' ? [] : part.split(':').map((h) => (/^[0-9a-f]{1,4}$/i.test(h) ? parseInt(h, 16) : NaN));
  const left = parse(halves[0]!);
  const right = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...right];
  if (groups.some((g) => Number.isNaN(g))) return undefined;
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

/** True for any address a webhook must not reach without ALLOW_PRIVATE_WEBHOOKS. */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '');
  if (net.isIPv4(bare)) return isPrivateV4Int(v4ToInt(bare));
  if (!net.isIPv6(bare)) return true; // not an address: never trusted
  const b = v6Bytes(bare);
  if (!b) return true;
  const zeroUpTo = (n: number) => b.slice(0, n).every((x) => x === 0);
  const v4At12 = () => ((b[12]! << 24) | (b[13]! << 16) | (b[14]! << 8) | b[15]!) >>> 0;
  if (zeroUpTo(15) && (b[15] === 0 || b[15] === 1)) return true; // :: and ::1
  if (zeroUpTo(10) && b[10] === 0xff && b[11] === 0xff) return isPrivateV4Int(v4At12()); // ::ffff:a.b.c.d IPv4-mapped
  if (zeroUpTo(12)) return isPrivateV4Int(v4At12()); // ::a.b.c.d IPv4-compatible (deprecated)
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && b.slice(4, 12).every((x) => x === 0))
    return isPrivateV4Int(v4At12()); // 64:ff9b::/96 NAT64
  if ((b[0]! & 0xfe) === 0xfc) return true; // fc00::/7 unique-local
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return true; // fe80::/10 link-local
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return true; // fec0::/10 site-local (deprecated)
  if (b[0] === 0xff) return true; // ff00::/8 multicast
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return true; // 2001:db8::/32 documentation
  return false;
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/** The host of a URL as an address or a name (IPv6 without its brackets). */
export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** Why an address is refused: a catalogue message for the form, and its English text for the delivery log. */
export class RefusedAddress extends Error {
  constructor(readonly why: Msg) {
    super(render(translator('en'), why));
  }
}

/**
 * Checks a webhook URL: scheme, then the host's addresses. Returns the addresses that were
 * checked, so the delivery connects to one of them and not to a later answer of the DNS.
 */
export async function checkWebhookUrl(
  raw: string,
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
  /** Plain http to a public address: the WordPress importer fetching an old site's pictures (never a webhook). */
  allowHttp = false,
): Promise<{ url: URL; addresses: { address: string; family: number }[] }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedAddress(msg('webhook.refused.notUrl'));
  }
  if (url.protocol !== 'https:' && !((allowPrivate || allowHttp) && url.protocol === 'http:'))
    throw new RefusedAddress(msg('webhook.refused.https'));
  const host = hostOf(url);
  if (!host) throw new RefusedAddress(msg('webhook.refused.noHost'));
  const family = net.isIP(host);
  if (family) {
    if (!allowPrivate && isPrivateAddress(host)) throw new RefusedAddress(msg('webhook.refused.private', { host }));
    return { url, addresses: [{ address: host, family }] };
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(host);
  } catch (err) {
    throw new RefusedAddress(
      msg('webhook.refused.unresolvedWhy', {
        reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message,
      }),
    );
  }
  if (addresses.length === 0) throw new RefusedAddress(msg('webhook.refused.unresolved'));
  if (!allowPrivate) {
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) throw new RefusedAddress(msg('webhook.refused.resolvesPrivate', { address: bad.address }));
  }
  return { url, addresses };
}
