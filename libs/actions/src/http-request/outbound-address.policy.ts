import { StepFailure } from '@provod/engine';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Why an address is refused; each one maps to a sentence a person can act on. */
export type BlockedCategory =
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'cloud_metadata'
  | 'shared_cgnat'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

export interface BlockedAddress {
  /** The address as it is usually written, with the IPv4 inside an IPv6 form when there is one. */
  address: string;
  category: BlockedCategory;
}

const PHRASES: Record<BlockedCategory, string> = {
  loopback: 'is a loopback address (the server Provod runs on)',
  private: 'is in a private network',
  link_local: 'is link-local, where cloud metadata services answer',
  cloud_metadata: 'is the cloud metadata service (link-local)',
  shared_cgnat: 'is in the shared CGNAT range 100.64.0.0/10',
  unspecified: 'is unspecified (0.0.0.0 or ::, which reach the server Provod runs on)',
  multicast: 'is a multicast address',
  broadcast: 'is the broadcast address',
  reserved: 'is in a reserved range',
};

/** Metadata endpoints hand out cloud credentials, so they get a name of their own in the message. */
const METADATA_ADDRESSES: ReadonlySet<string> = new Set(['169.254.169.254', 'fd00:ec2::254']);

const IPV4_CATEGORIES: Partial<Record<string, BlockedCategory>> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link_local',
  loopback: 'loopback',
  carrierGradeNat: 'shared_cgnat',
  private: 'private',
};

const IPV6_CATEGORIES: Partial<Record<string, BlockedCategory>> = {
  unspecified: 'unspecified',
  loopback: 'loopback',
  linkLocal: 'link_local',
  multicast: 'multicast',
  uniqueLocal: 'private',
  deprecatedSiteLocal: 'private',
};

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;

/**
 * Decides which addresses an HTTP step may connect to. Without this a processing could read the
 * cloud metadata service, the database or Redis next to Provod and show the answer in its history,
 * so everything that is not public unicast is refused unless the administrator lists it.
 */
export class OutboundAddressPolicy {
  private readonly ranges: Array<[Address, number]> = [];
  private readonly hosts = new Set<string>();

  /**
   * `allowList` holds CIDRs (`10.1.2.0/24`, `::1/128`), single addresses, or host names (`crm.internal`),
   * which are then trusted whatever they resolve to. A malformed entry is a configuration error.
   */
  constructor(allowList: readonly string[] = []) {
    for (const raw of allowList) {
      const entry = raw.trim();
      if (entry === '') continue;
      const range = parseRange(entry);
      if (range) {
        this.ranges.push(range);
        continue;
      }
      const host = normaliseHost(entry);
      if (!HOST_NAME.test(host)) {
        throw new Error(`OUTBOUND_ALLOWLIST: "${entry}" is neither an address range (CIDR) nor a host name`);
      }
      this.hosts.add(host);
    }
  }

  /** A host name the administrator listed: whatever it resolves to is reachable. */
  allowsHost(hostname: string): boolean {
    return this.hosts.size > 0 && this.hosts.has(normaliseHost(hostname));
  }

  /** Null when connecting to `address` is fine; otherwise what is wrong with it. */
  check(address: string): BlockedAddress | null {
    const ip = parseAddress(address);
    if (!ip) return { address, category: 'reserved' };
    const embedded = ip.kind() === 'ipv6' ? embeddedIPv4(ip as ipaddr.IPv6) : null;
    if (this.inRanges(ip) || (embedded && this.inRanges(embedded))) return null;
    const category = categoryOf(ip, embedded);
    if (!category) return null;
    const written = ip.toString();
    return { address: embedded ? `${written} (IPv4 ${embedded.toString()})` : written, category };
  }

  private inRanges(ip: Address): boolean {
    return this.ranges.some(([base, bits]) => base.kind() === ip.kind() && ip.match(base, bits));
  }
}

/** `OUTBOUND_ALLOWLIST` as written in the environment: entries separated by commas or spaces. */
export function parseOutboundAllowList(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

export function blockedAddressFailure(blocked: BlockedAddress, host?: string): StepFailure {
  const of = host && host !== blocked.address ? ` of ${host}` : '';
  return new StepFailure(
    'blocked_address',
    `The address ${blocked.address}${of} ${PHRASES[blocked.category]}; ask your administrator to allow it (OUTBOUND_ALLOWLIST).`,
    { address: blocked.address, category: blocked.category, ...(host ? { host } : {}) },
  );
}

/** Carries a refusal out of the connection layer, where only Error objects travel. */
export class BlockedAddressError extends Error {
  readonly code = 'ERR_PROVOD_BLOCKED_ADDRESS';

  constructor(
    readonly blocked: BlockedAddress,
    readonly host: string,
  ) {
    super(`connection to ${blocked.address} refused by the outbound address policy`);
    this.name = 'BlockedAddressError';
  }

  toStepFailure(): StepFailure {
    return blockedAddressFailure(this.blocked, this.host);
  }
}

function parseRange(entry: string): [Address, number] | null {
  try {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    const ip = parseAddress(entry);
    if (!ip) return null;
    return [ip, ip.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return null;
  }
}

const DOTTED_TAIL = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * ipaddr.js reads any IPv6 ending in a dotted quad as ::ffff:a.b.c.d, but `::a.b.c.d` is the
 * IPv4-compatible form (and the way libuv prints such DNS answers), so the tail is rewritten as hex.
 */
function hexTail(text: string): string {
  const match = DOTTED_TAIL.exec(text);
  if (!match) return text;
  const [a, b, c, d] = match.slice(2).map(Number) as [number, number, number, number];
  if ([a, b, c, d].some((octet) => octet > 255)) return text;
  return `${match[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

function parseAddress(text: string): Address | null {
  const unbracketed = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const bare = unbracketed.includes(':') ? hexTail(unbracketed) : unbracketed;
  // isValid also takes "127.1" and "0x7f000001", which name the same addresses the OS would connect to.
  if (!ipaddr.isValid(bare)) return null;
  try {
    return ipaddr.parse(bare);
  } catch {
    return null;
  }
}

function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

/**
 * The IPv4 address an IPv6 form carries, where the packet would end up at that IPv4 host: mapped
 * (::ffff:a.b.c.d), translated (::ffff:0:a.b.c.d), compatible (::a.b.c.d, which ipaddr.js counts as
 * ordinary unicast), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:AABB:CCDD::).
 */
function embeddedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = ip.parts;
  const last32 = (): ipaddr.IPv4 => fromWords(p[6] ?? 0, p[7] ?? 0);
  const range = ip.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145') return last32();
  if (p[0] === 0x64 && p[1] === 0xff9b && p.slice(2, 6).every((w) => w === 0)) return last32();
  if (range === '6to4') return fromWords(p[1] ?? 0, p[2] ?? 0);
  if (p.slice(0, 6).every((w) => w === 0) && (p[6] !== 0 || (p[7] ?? 0) > 1)) return last32();
  return null;
}

function fromWords(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function categoryOf(ip: Address, embedded: ipaddr.IPv4 | null): BlockedCategory | null {
  if (METADATA_ADDRESSES.has(ip.toString()) || (embedded && METADATA_ADDRESSES.has(embedded.toString()))) {
    return 'cloud_metadata';
  }
  if (ip.kind() === 'ipv4') return ipv4Category(ip as ipaddr.IPv4);
  const v6 = ip as ipaddr.IPv6;
  if (embedded) {
    const inner = ipv4Category(embedded);
    if (inner) return inner;
    // ::a.b.c.d was deprecated long ago and is routed nowhere useful; only a trick would use it.
    return v6.parts.slice(0, 6).every((w) => w === 0) ? 'reserved' : null;
  }
  const range = v6.range();
  if (range === 'unicast') return null;
  return IPV6_CATEGORIES[range] ?? 'reserved';
}

function ipv4Category(ip: ipaddr.IPv4): BlockedCategory | null {
  const range = ip.range();
  if (range === 'unicast') return null;
  return IPV4_CATEGORIES[range] ?? 'reserved';
}
