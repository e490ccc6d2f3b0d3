import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { InvalidInput } from '../platform/errors';

/**
 * SSRF guard for webhook URLs (OWASP API7). Checked twice: when an endpoint is created or its
 * URL changed (`assertWebhookUrl`), and at every send on the address actually connected to
 * (`checkAddress` from the dispatcher's DNS lookup), so a name that re-binds to an internal
 * address after validation is refused too.
 *
 * - Everywhere: only http(s), no credentials in the URL, never link-local (169.254.0.0/16,
 *   fe80::/10: the instance metadata service lives there), the EC2 IPv6 metadata address
 *   fd00:ec2::254, unspecified, multicast or broadcast addresses.
 * - In AWS (`allowLoopback: false`): https only; no loopback, private (RFC 1918, fc00::/7),
 *   CGNAT, benchmarking or other special-purpose ranges.
 * - Locally (`allowLoopback: true`): also `http://127.0.0.1` / `http://localhost` / `[::1]`, so a
 *   developer can receive on their own machine.
 */
export interface GuardMode {
  readonly allowLoopback: boolean;
}

export const invalidUrl = (detail: string) =>
  new InvalidInput('invalid_url', 'Invalid webhook URL', {
    detail,
    errors: [{ path: 'body.url', message: detail }],
  });

const forbiddenEverywhere = new BlockList();
forbiddenEverywhere.addSubnet('169.254.0.0', 16, 'ipv4');
forbiddenEverywhere.addSubnet('0.0.0.0', 8, 'ipv4');
forbiddenEverywhere.addSubnet('224.0.0.0', 4, 'ipv4');
forbiddenEverywhere.addSubnet('240.0.0.0', 4, 'ipv4');
forbiddenEverywhere.addSubnet('fe80::', 10, 'ipv6');
forbiddenEverywhere.addAddress('fd00:ec2::254', 'ipv6');
forbiddenEverywhere.addAddress('::', 'ipv6');
forbiddenEverywhere.addSubnet('ff00::', 8, 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const privateRanges = new BlockList();
for (const [net, bits] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['100.64.0.0', 10],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
] as const) {
  privateRanges.addSubnet(net, bits, 'ipv4');
}
privateRanges.addSubnet('fc00::', 7, 'ipv6');
privateRanges.addSubnet('64:ff9b::', 96, 'ipv6');
privateRanges.addSubnet('2001:db8::', 32, 'ipv6');

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as the IPv4 address it maps. */
function normalize(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped?.[1]) return { address: mapped[1], family: 'ipv4' };
  return { address: bare, family: isIP(bare) === 6 ? 'ipv6' : 'ipv4' };
}

/** Why an address may not be called, or undefined when it may. */
export function forbiddenAddressReason(address: string, mode: GuardMode): string | undefined {
  const { address: ip, family } = normalize(address);
  if (isIP(ip) === 0) return 'not an IP address';
  if (forbiddenEverywhere.check(ip, family)) return 'a link-local, metadata or reserved address';
  if (loopback.check(ip, family)) return mode.allowLoopback ? undefined : 'a loopback address';
  if (privateRanges.check(ip, family)) return 'a private or special-purpose address';
  return undefined;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Static checks of a URL (no DNS): 400 invalid_url on anything a webhook may not be. */
export function parseWebhookUrl(raw: string, mode: GuardMode): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidUrl('Not a valid absolute URL.');
  }
  if (url.username || url.password) throw invalidUrl('Credentials in the URL are not allowed.');
  const host = url.hostname.toLowerCase();
  const isLoopbackName = LOOPBACK_NAMES.has(host) || host.endsWith('.localhost');
  if (url.protocol === 'http:') {
    if (!(mode.allowLoopback && isLoopbackName)) {
      throw invalidUrl(
        mode.allowLoopback
          ? 'Use https (http only for 127.0.0.1 or localhost in the local runtime).'
          : 'Use https.',
      );
    }
  } else if (url.protocol !== 'https:') {
    throw invalidUrl('Only https URLs are allowed.');
  }
  if (isLoopbackName && !mode.allowLoopback) throw invalidUrl('Loopback hosts are not allowed.');
  const literal = host.replace(/^\[|\]$/g, '');
  if (isIP(literal) !== 0) {
    const reason = forbiddenAddressReason(literal, mode);
    if (reason) throw invalidUrl(`The host is ${reason}.`);
  }
  return url;
}

export type Resolver = (host: string) => Promise<ReadonlyArray<{ address: string }>>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Full check at creation: static rules, then every address the host resolves to (a name that
 * does not resolve is refused, as is one with any forbidden address).
 */
export async function assertWebhookUrl(
  raw: string,
  mode: GuardMode,
  resolve: Resolver = systemResolver,
): Promise<URL> {
  const url = parseWebhookUrl(raw, mode);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return url;
  let addresses: ReadonlyArray<{ address: string }>;
  try {
    addresses = await resolve(host);
  } catch {
    throw invalidUrl('The host does not resolve.');
  }
  if (addresses.length === 0) throw invalidUrl('The host does not resolve.');
  for (const { address } of addresses) {
    const reason = forbiddenAddressReason(address, mode);
    if (reason) throw invalidUrl(`The host resolves to ${reason}.`);
  }
  return url;
}
