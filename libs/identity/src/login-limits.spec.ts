import { budgetAddress } from './login-limits';

describe(budgetAddress.name, () => {
  it('keeps an IPv4 address whole, and unwraps an IPv4-mapped IPv6 address', () => {
    expect(budgetAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(budgetAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(budgetAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    expect(budgetAddress('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(budgetAddress('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(budgetAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(budgetAddress('::1')).toBe('0:0:0:0::/64');
    expect(budgetAddress('1:2::3:4:5:1.2.3.4')).toBe('1:2:0:3::/64');
    expect(budgetAddress('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('leaves anything that is not an address as it is', () => {
    expect(budgetAddress('-')).toBe('-');
  });
});
