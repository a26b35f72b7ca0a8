import { ROUND_TRIP_COST, pageSize, queryCost } from './query-cost';

describe(queryCost.name, () => {
  it('charges each database round trip and the selection once per item the field can return', () => {
    expect(queryCost()({ args: {}, childComplexity: 5 })).toBe(ROUND_TRIP_COST + 5);
    expect(queryCost({ roundTrips: 2, items: 50 })({ args: {}, childComplexity: 3 })).toBe(2 * ROUND_TRIP_COST + 150);
    expect(queryCost({ roundTrips: 0, items: 8 })({ args: {}, childComplexity: 4 })).toBe(32);
  });

  it('charges a page by its first, clamped to the page limit so that a bad first is the resolver’s to refuse', () => {
    const page = queryCost({ items: pageSize(200) });
    expect(page({ args: { first: 10 }, childComplexity: 2 })).toBe(ROUND_TRIP_COST + 20);
    expect(page({ args: { first: 1_000_000 }, childComplexity: 2 })).toBe(ROUND_TRIP_COST + 400);
    expect(page({ args: { first: -5 }, childComplexity: 2 })).toBe(ROUND_TRIP_COST + 2);
    expect(page({ args: {}, childComplexity: 2 })).toBe(ROUND_TRIP_COST + 100);
  });
});
