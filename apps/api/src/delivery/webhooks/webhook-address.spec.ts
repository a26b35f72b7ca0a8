import type { LookupOptions } from 'node:dns';
import { RefusedAddressError, guardedLookup, refusedAddressReason, refusedLiteralHost } from './webhook-address';

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
    ['2001::1', 'teredo'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['198.18.0.1', 'benchmarking'],
  ])('refuses %s (%s)', (address, range) => {
    expect(refusedAddressReason(address)).toBe(`${address} is a ${range} address`);
  });

  // ipaddr.js 1.9 calls these plain unicast; none of them is a public Internet address.
  it.each(['::7f00:1', '::a00:1', 'fec0::1', '64:ff9b:1::a00:1', '100::1', '4000::1'])(
    'refuses %s, outside global unicast 2000::/3',
    (address) => {
      expect(refusedAddressReason(address)).toBe(`${address} is not a global unicast address`);
    },
  );

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(refusedAddressReason(address)).toBeNull();
  });
});

describe(refusedLiteralHost.name, () => {
  it('judges IP literals, bracketed IPv6 included, and localhost by name, and leaves other names to the lookup', () => {
    expect(refusedLiteralHost('127.0.0.1')?.message).toMatch(/^refused before connecting: 127\.0\.0\.1 → 127\.0\.0\.1 is a loopback address/);
    expect(refusedLiteralHost('[::1]')?.message).toMatch(/::1 is a loopback address/);
    expect(refusedLiteralHost('8.8.8.8')).toBeNull();
    for (const name of ['localhost', 'LOCALHOST.', 'api.localhost', 'a.b.localhost.']) {
      expect(refusedLiteralHost(name)?.message).toMatch(/names this machine \(loopback\)/);
    }
    for (const name of ['example.jp', 'localhost.example.jp', 'notlocalhost']) expect(refusedLiteralHost(name)).toBeNull();
  });
});

describe('guardedLookup', () => {
  const lookup = (hostname: string, options: LookupOptions) =>
    new Promise<{ error: Error | null; address: unknown }>((done) =>
      guardedLookup(hostname, options, (error, address) => done({ error, address })),
    );

  it('refuses a name that resolves to a loopback address, in both the single and the all-addresses form', async () => {
    // `localhost` resolves through the system resolver like any name; the URL check refuses it earlier by name.
    for (const options of [{}, { all: true }] as LookupOptions[]) {
      const { error, address } = await lookup('localhost', options);
      expect(error).toBeInstanceOf(RefusedAddressError);
      expect(error?.message).toMatch(/^refused before connecting: localhost → (127\.0\.0\.1|::1) is a loopback address/);
      expect(address).toBe('');
    }
  });

  it('hands the connection exactly the addresses it checked (no second resolution to rebind)', async () => {
    // An IP literal resolves to itself without DNS: a public one passes, and is what the caller connects to.
    expect(await lookup('8.8.8.8', { all: true })).toEqual({ error: null, address: [{ address: '8.8.8.8', family: 4 }] });
    expect(await lookup('8.8.8.8', {})).toEqual({ error: null, address: '8.8.8.8' });
  });
});
