import { refusedAddressReason, refusedLiteralHost } from './webhook-address';

describe(refusedAddressReason.name, () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['2002:7f00:1::', '6to4'],
  ])('refuses %s (%s)', (address, range) => {
    expect(refusedAddressReason(address)).toBe(`${address} is a ${range} address`);
  });

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(refusedAddressReason(address)).toBeNull();
  });
});

describe(refusedLiteralHost.name, () => {
  it('judges IP literals, bracketed IPv6 included, and leaves names to the lookup', () => {
    expect(refusedLiteralHost('127.0.0.1')?.message).toMatch(/^refused before connecting: 127\.0\.0\.1 → 127\.0\.0\.1 is a loopback address/);
    expect(refusedLiteralHost('[::1]')?.message).toMatch(/::1 is a loopback address/);
    expect(refusedLiteralHost('8.8.8.8')).toBeNull();
    expect(refusedLiteralHost('localhost')).toBeNull();
  });
});
