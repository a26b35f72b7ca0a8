import { parseWholeNumberInput } from './number-input';

describe(parseWholeNumberInput.name, () => {
  it.each([
    ['2900', 2900],
    ['２９００', 2900],
    ['2,900', 2900],
    ['２，９００円', 2900],
    [' 2900 ', 2900],
    ['0', 0],
    ['+300', 300],
  ])('reads %j as %d', (text, value) => {
    expect(parseWholeNumberInput(text)).toEqual({ ok: true, value });
  });

  it('reads an empty input as "not given", never as 0', () => {
    expect(parseWholeNumberInput('')).toEqual({ ok: true, value: null });
    expect(parseWholeNumberInput('　')).toEqual({ ok: true, value: null });
  });

  it.each(['-100', '－１００', 'ー100', '−100'])('refuses the negative %j rather than dropping its sign', (text) => {
    expect(parseWholeNumberInput(text)).toEqual({ ok: false, reason: 'AMOUNT_NEGATIVE' });
  });

  it('refuses a fraction and text that is not a number', () => {
    expect(parseWholeNumberInput('2100.5')).toEqual({ ok: false, reason: 'NOT_WHOLE_NUMBER' });
    expect(parseWholeNumberInput('二千九百')).toEqual({ ok: false, reason: 'NOT_A_NUMBER' });
    expect(parseWholeNumberInput('12a')).toEqual({ ok: false, reason: 'NOT_A_NUMBER' });
  });
});
