import { msToNextTokyoMidnight } from './took-effect-emitter';

describe(msToNextTokyoMidnight.name, () => {
  it.each([
    ['2026-11-27T14:59:59.999Z', 1],
    ['2026-11-27T15:00:00.000Z', 86_400_000],
    ['2026-11-28T00:00:00.000Z', 15 * 3_600_000],
    ['2026-11-27T14:00:00.000Z', 3_600_000],
  ])('from %s waits %d ms: 00:00 in Tokyo is 15:00 UTC, never UTC midnight', (now, ms) => {
    expect(msToNextTokyoMidnight(new Date(now))).toBe(ms);
  });
});
