import { fixedClock, systemClock, todayInTokyo } from './clock';

import { PROBE_ZONES, evaluateInTimeZones } from './time-zones.test-helper';

const TOKYO_MIDNIGHT_EDGES: [instant: string, day: string][] = [
  ['2025-03-23T14:59:59Z', '2025-03-23'],
  ['2025-03-23T15:00:00Z', '2025-03-24'],
  ['2025-08-31T14:59:59.999Z', '2025-08-31'],
  ['2025-08-31T15:00:00Z', '2025-09-01'],
  ['2025-08-31T15:30:00Z', '2025-09-01'],
  ['2024-02-28T15:00:00Z', '2024-02-29'],
  ['2024-02-29T15:00:00Z', '2024-03-01'],
  ['2024-12-31T14:59:59Z', '2024-12-31'],
  ['2024-12-31T15:00:00Z', '2025-01-01'],
  ['2025-03-24T00:00:00+09:00', '2025-03-24'],
  ['2025-03-23T23:59:59+09:00', '2025-03-23'],
  ['9999-12-31T14:59:59Z', '9999-12-31'],
];

describe(todayInTokyo.name, () => {
  it.each(TOKYO_MIDNIGHT_EDGES)('at %s it is %s in Tokyo', (instant, expected) => {
    expect(todayInTokyo(fixedClock(instant))).toBe(expected);
  });

  it('gives the same Tokyo day whatever TZ the process runs in (UTC, Los Angeles, UTC+14, UTC-12, Tokyo)', () => {
    const runs = evaluateInTimeZones({
      zones: Object.keys(PROBE_ZONES),
      module: './clock.ts',
      evaluate: '(m, instant) => m.todayInTokyo(m.fixedClock(instant))',
      inputs: TOKYO_MIDNIGHT_EDGES.map(([instant]) => instant),
    });
    expect(runs).toEqual(
      Object.entries(PROBE_ZONES).map(([zone, offsetMinutes]) => ({
        zone,
        offsetMinutes,
        outputs: TOKYO_MIDNIGHT_EDGES.map(([, day]) => day),
      })),
    );
  });

  it('remembers the day without ever giving a stale one: the same as Intl for instants asked in any order', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });
    const instants: number[] = [];
    // Around Tokyo midnights (the edges of the memo's day), from 1970 on, and a few before 1970 (never remembered).
    for (const [instant] of TOKYO_MIDNIGHT_EDGES) instants.push(Date.parse(instant));
    for (let i = 0; i < 2000; i++) {
      const midnight = Date.UTC(1970 + ((i * 37) % 120), (i * 7) % 12, 1 + (i % 28), 15);
      instants.push(midnight - 1, midnight, midnight + 1, midnight + 86_399_999);
    }
    instants.push(Date.parse('1969-12-31T14:59:59.999Z'), Date.parse('1969-12-31T15:00:00Z'), Date.parse('1951-05-01T15:00:00Z'), 0, -1);
    for (const ms of instants) expect({ ms, day: todayInTokyo(fixedClock(new Date(ms))) }).toEqual({ ms, day: intl.format(ms) });
  });

  it('uses the system clock by default', () => {
    const before = todayInTokyo(fixedClock(new Date()));
    const today = todayInTokyo();
    const after = todayInTokyo(fixedClock(new Date()));
    expect([before, after]).toContain(today);
  });
});

describe(fixedClock.name, () => {
  it('always returns the same instant, from a string or a Date', () => {
    expect(fixedClock('2025-03-23T15:00:00Z').now().toISOString()).toBe('2025-03-23T15:00:00.000Z');
    expect(fixedClock(new Date('2025-03-23T15:00:00Z')).now().toISOString()).toBe('2025-03-23T15:00:00.000Z');
  });

  it('cannot be moved by mutating the Date it returned, nor the Date it was given', () => {
    const given = new Date('2025-03-23T15:00:00Z');
    const clock = fixedClock(given);
    clock.now().setUTCFullYear(1999);
    given.setUTCFullYear(2000);
    expect(clock.now().toISOString()).toBe('2025-03-23T15:00:00.000Z');
  });

  it.each(['2025-03-23T15:00:00', '2025-03-23', 'yesterday', ''])(
    'refuses %j, which has no offset or is not an instant',
    (input) => {
      expect(() => fixedClock(input)).toThrow(RangeError);
    },
  );

  it('refuses an invalid Date', () => {
    expect(() => fixedClock(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('systemClock', () => {
  it('tells the current time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
