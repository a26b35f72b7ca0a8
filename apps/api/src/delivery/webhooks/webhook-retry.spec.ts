import { RETRY_CAP_MS, retryDelayMs } from './webhook-retry';

describe(retryDelayMs.name, () => {
  it('waits up to the base after the first failure, doubling the ceiling with each further one', () => {
    expect(retryDelayMs(1, 100, () => 0.999999)).toBe(99);
    expect(retryDelayMs(2, 100, () => 0.999999)).toBe(199);
    expect(retryDelayMs(5, 100, () => 0.5)).toBe(800);
  });

  it('draws the wait uniformly from zero up (full jitter)', () => {
    expect(retryDelayMs(3, 100, () => 0)).toBe(0);
    const waits = Array.from({ length: 200 }, () => retryDelayMs(4, 1000));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...waits)).toBeLessThan(8000);
    expect(new Set(waits).size).toBeGreaterThan(100);
  });

  it('never waits past the cap, even after very many attempts', () => {
    expect(retryDelayMs(60, 5000, () => 0.999999)).toBeLessThan(RETRY_CAP_MS);
    expect(retryDelayMs(5000, 5000, () => 0.5)).toBe(RETRY_CAP_MS / 2);
  });
});
