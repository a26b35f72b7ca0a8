import { type CalendarDate, InvalidCalendarDateError } from './calendar-date';
import { PROBE_ZONES, evaluateInTimeZones } from './time-zones.test-helper';
import { formatWareki } from './wareki';

const EXAMPLES: [date: string, wareki: string][] = [
  ['2025-03-24', '令和7年3月24日'],
  ['2025-09-01', '令和7年9月1日'],
  ['2025-08-31', '令和7年8月31日'],
  ['2019-05-01', '令和元年5月1日'],
  ['2019-04-30', '平成31年4月30日'],
  ['2020-01-01', '令和2年1月1日'],
  ['2024-02-29', '令和6年2月29日'],
  ['1989-01-07', '昭和64年1月7日'],
  ['1989-01-08', '平成元年1月8日'],
  ['1926-12-25', '昭和元年12月25日'],
  ['1912-07-30', '大正元年7月30日'],
  ['1873-01-01', '明治6年1月1日'],
  ['9999-12-31', '令和7981年12月31日'],
];

describe(formatWareki.name, () => {
  it.each(EXAMPLES)('writes %s as %s', (date, expected) => {
    expect(formatWareki(date as CalendarDate)).toBe(expected);
  });

  it('writes the same day whatever TZ the process runs in (UTC, Los Angeles, UTC+14, UTC-12, Tokyo)', () => {
    const runs = evaluateInTimeZones({
      zones: Object.keys(PROBE_ZONES),
      module: './wareki.ts',
      evaluate: '(m, date) => m.formatWareki(date)',
      inputs: EXAMPLES.map(([date]) => date),
    });
    expect(runs).toEqual(
      Object.entries(PROBE_ZONES).map(([zone, offsetMinutes]) => ({
        zone,
        offsetMinutes,
        outputs: EXAMPLES.map(([, wareki]) => wareki),
      })),
    );
  });

  it('refuses days before Japan adopted the Gregorian calendar, where an era date would be wrong', () => {
    expect(() => formatWareki('1872-12-31' as CalendarDate)).toThrow(RangeError);
    expect(() => formatWareki('0001-01-01' as CalendarDate)).toThrow(RangeError);
  });

  it('refuses a string that is not a calendar date', () => {
    expect(() => formatWareki('2025-02-30' as CalendarDate)).toThrow(InvalidCalendarDateError);
  });
});
