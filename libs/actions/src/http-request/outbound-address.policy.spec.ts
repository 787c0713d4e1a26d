import { blockedAddressFailure, OutboundAddressPolicy, parseOutboundAllowList } from './outbound-address.policy';

const policy = new OutboundAddressPolicy();

describe('OutboundAddressPolicy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'cloud_metadata'],
    ['169.254.1.1', 'link_local'],
    ['100.64.0.1', 'shared_cgnat'],
    ['100.127.255.254', 'shared_cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fd00:ec2::254', 'cloud_metadata'],
    ['fe80::1', 'link_local'],
    ['fe80::1%eth0', 'link_local'],
    ['ff02::1', 'multicast'],
    ['fec0::1', 'private'],
    ['2001:db8::1', 'reserved'],
    ['2001:0:4136:e378::1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'cloud_metadata'],
    ['::ffff:0:10.0.0.1', 'private'],
    ['::7f00:1', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['::a00:1', 'private'],
    ['::8.8.8.8', 'reserved'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::a00:5', 'private'],
    ['64:ff9b:1::1', 'reserved'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
    ['[::1]', 'loopback'],
    ['not an address', 'reserved'],
  ])('refuses %s as %s', (address, category) => {
    expect(policy.check(address)?.category).toBe(category);
  });

  it.each(['8.8.8.8', '93.184.216.34', '100.63.255.255', '172.32.0.1', '2606:4700::1111', '2a00:1450:4010:c0e::8b', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    'lets %s through',
    (address) => {
      expect(policy.check(address)).toBeNull();
    },
  );

  it('writes the IPv4 inside an IPv6 form next to it', () => {
    expect(policy.check('::ffff:127.0.0.1')).toEqual({ address: '::ffff:7f00:1 (IPv4 127.0.0.1)', category: 'loopback' });
  });

  it('admits the ranges and addresses on the allow-list, in either IP form', () => {
    const allowing = new OutboundAddressPolicy(['127.0.0.0/8', '10.1.2.3/32', '::1/128', '192.168.5.7', 'fd00::/16']);
    for (const address of ['127.0.0.1', '127.9.9.9', '::ffff:127.0.0.1', '10.1.2.3', '::1', '192.168.5.7', 'fd00::5']) {
      expect(allowing.check(address)).toBeNull();
    }
    for (const address of ['10.1.2.4', '192.168.5.8', 'fd01::5', '169.254.169.254']) {
      expect(allowing.check(address)).not.toBeNull();
    }
  });

  it('admits host names on the allow-list, whatever their case or trailing dot', () => {
    const allowing = new OutboundAddressPolicy(['crm.internal', 'Billing.Corp.']);
    expect(allowing.allowsHost('crm.internal')).toBe(true);
    expect(allowing.allowsHost('CRM.internal.')).toBe(true);
    expect(allowing.allowsHost('billing.corp')).toBe(true);
    expect(allowing.allowsHost('evil.crm.internal')).toBe(false);
    expect(allowing.allowsHost('crm.internal.evil')).toBe(false);
    expect(policy.allowsHost('crm.internal')).toBe(false);
  });

  it('refuses a malformed allow-list entry at start', () => {
    expect(() => new OutboundAddressPolicy(['10.0.0.0/33'])).toThrow('OUTBOUND_ALLOWLIST: "10.0.0.0/33" is neither an address range (CIDR) nor a host name');
    expect(() => new OutboundAddressPolicy(['http://crm.internal'])).toThrow(/neither/);
  });
});

describe('parseOutboundAllowList', () => {
  it('splits on commas and spaces', () => {
    expect(parseOutboundAllowList(' 10.0.0.0/8, crm.internal ,,::1/128 192.168.1.10 ')).toEqual(['10.0.0.0/8', 'crm.internal', '::1/128', '192.168.1.10']);
    expect(parseOutboundAllowList(undefined)).toEqual([]);
    expect(parseOutboundAllowList('')).toEqual([]);
  });

  // What the environment held before this parser was the one that runs: commas only, spaces around them.
  it('reads the comma-separated forms the configuration always took', () => {
    expect(parseOutboundAllowList('10.20.0.0/16,192.168.1.10,crm.internal')).toEqual(['10.20.0.0/16', '192.168.1.10', 'crm.internal']);
    expect(parseOutboundAllowList('127.0.0.0/8')).toEqual(['127.0.0.0/8']);
    expect(parseOutboundAllowList(',127.0.0.0/8,')).toEqual(['127.0.0.0/8']);
    expect(parseOutboundAllowList(' , ')).toEqual([]);
    expect(parseOutboundAllowList('10.0.5.0/24 ,\tcrm.internal\n')).toEqual(['10.0.5.0/24', 'crm.internal']);
  });

  it('gives the policy a list it accepts, and one it refuses at start when an entry is malformed', () => {
    const policy = new OutboundAddressPolicy(parseOutboundAllowList('10.20.0.0/16, 192.168.1.10\ncrm.internal'));
    expect(policy.check('10.20.3.4')).toBeNull();
    expect(policy.check('192.168.1.10')).toBeNull();
    expect(policy.check('192.168.1.11')).toEqual({ address: '192.168.1.11', category: 'private' });
    expect(policy.allowsHost('crm.internal')).toBe(true);
    expect(() => new OutboundAddressPolicy(parseOutboundAllowList('10.0.0.0/8, https://crm.internal'))).toThrow(
      'OUTBOUND_ALLOWLIST: "https://crm.internal" is neither an address range (CIDR) nor a host name',
    );
  });
});

describe('blockedAddressFailure', () => {
  it('names the category and the way out', () => {
    const failure = blockedAddressFailure({ address: '10.0.0.5', category: 'private' });
    expect(failure.code).toBe('blocked_address');
    expect(failure.message).toBe('The address 10.0.0.5 is in a private network; ask your administrator to allow it (OUTBOUND_ALLOWLIST).');
    expect(failure.retry.retryable).toBe(false);
    expect(blockedAddressFailure({ address: '169.254.169.254', category: 'cloud_metadata' }, 'meta.example').message).toBe(
      'The address 169.254.169.254 of meta.example is the cloud metadata service (link-local); ask your administrator to allow it (OUTBOUND_ALLOWLIST).',
    );
  });
});
