import { readTypedDate } from './typed-date';

describe(readTypedDate.name, () => {
  it.each([
    ['2025-03-24', '2025-03-24'],
    ['2025/3/24', '2025-03-24'],
    ['2025.3.24', '2025-03-24'],
    ['20250324', '2025-03-24'],
    ['2025年3月24日', '2025-03-24'],
    ['２０２５／３／２４', '2025-03-24'],
    ['２０２５年３月２４日', '2025-03-24'],
    [' 2025 / 09 / 01 ', '2025-09-01'],
    ['令和7年3月24日', '2025-03-24'],
    ['令和７年９月１日', '2025-09-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['R7.8.31', '2025-08-31'],
    ['r7/9/1', '2025-09-01'],
    ['Ｒ７．３．２３', '2025-03-23'],
    ['平成31年4月30日', '2019-04-30'],
    ['H31.4.30', '2019-04-30'],
    ['昭和64年1月7日', '1989-01-07'],
    ['平成元年1月8日', '1989-01-08'],
    ['2024/2/29', '2024-02-29'],
    ['令和9年4月1日(木)', '2027-04-01'],
    ['2027/4/1(木曜日)', '2027-04-01'],
    ['２０２７／４／１（木）', '2027-04-01'],
  ])('reads %s as %s', (typed, date) => {
    expect(readTypedDate(typed)).toEqual({ ok: true, date });
  });

  it('reads empty (or only spaces) as no date', () => {
    expect(readTypedDate('')).toEqual({ ok: true, date: null });
    expect(readTypedDate(' 　')).toEqual({ ok: true, date: null });
  });

  it.each([
    // Days that are not in the calendar are refused, never rolled over into March.
    ['2025/2/30', 'NO_SUCH_DAY'],
    ['2025-02-29', 'NO_SUCH_DAY'],
    ['2025/13/1', 'NO_SUCH_DAY'],
    ['2025/3/0', 'NO_SUCH_DAY'],
    // A day outside the era the text names.
    ['平成31年5月1日', 'DATE_NOT_IN_ERA'],
    ['令和元年4月30日', 'DATE_NOT_IN_ERA'],
    ['昭和64年1月8日', 'DATE_NOT_IN_ERA'],
    ['令和0年1月1日', 'NO_SUCH_DAY'],
    // Before Japan used the Gregorian calendar, an era date cannot be named, nor a Gregorian year typed.
    ['明治5年12月2日', 'DATE_NOT_IN_ERA'],
    ['0027/4/1', 'NO_SUCH_DAY'],
    ['1872-12-31', 'NO_SUCH_DAY'],
    ['2027/4/1(月)x', 'DATE_FORMAT'],
    ['3/24', 'DATE_FORMAT'],
    ['2025/3', 'DATE_FORMAT'],
    ['next monday', 'DATE_FORMAT'],
    ['2025-03-24T00:00', 'DATE_FORMAT'],
    ['25/3/24', 'DATE_FORMAT'],
    ['2025-03-24\u0000', 'DATE_FORMAT'],
  ])('refuses %s (%s)', (typed, reason) => {
    expect(readTypedDate(typed)).toEqual({ ok: false, reason });
  });
});
