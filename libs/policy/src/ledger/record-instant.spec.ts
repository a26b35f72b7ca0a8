import type { Clock } from '@policy-cms/temporal';
import { LedgerService } from './ledger.service';

/**
 * The record instant a ledger write takes once it holds the write lock (LedgerService.instantAfterLock): always
 * after the clock's reading when the lock was granted (+ CLOCK_SKEW_MS), so that no read that confirmed an instant
 * before the write got the lock can have answered for the write's instant. No database: the method only waits.
 */
const instantOf = (clock: Clock, clockSkewMs = 0): Promise<Date> =>
  (new LedgerService(clock, null, { clockSkewMs }) as unknown as { instantAfterLock(): Promise<Date> }).instantAfterLock();

describe('the record instant of a ledger write', () => {
  it('is later than any reading of the clock before the lock was granted, even within the same millisecond', async () => {
    const clock: Clock = { now: () => new Date() };
    for (let i = 0; i < 300; i++) {
      const before = Date.now();
      const at = await instantOf(clock);
      expect(at.getTime()).toBeGreaterThan(before);
    }
  });

  it('is later than the lock reading + CLOCK_SKEW_MS', async () => {
    const clock: Clock = { now: () => new Date() };
    const before = Date.now();
    const at = await instantOf(clock, 40);
    expect(at.getTime()).toBeGreaterThan(before + 40);
  });

  it('is a standing clock’s own instant, after a few milliseconds (a test’s scripted clock)', async () => {
    const standing = new Date('2026-12-01T00:00:10.000Z');
    const started = performance.now();
    const at = await instantOf({ now: () => new Date(standing) }, 0);
    expect(at).toEqual(standing);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('is refused (UNAVAILABLE) when the clock went backwards, instead of an instant a read may have answered for', async () => {
    let calls = 0;
    const granted = Date.parse('2026-12-01T00:00:10.000Z');
    // Granted at 00:00:10, then the clock steps 30 s back and runs on from there.
    const stepped: Clock = { now: () => new Date(calls++ === 0 ? granted : granted - 30_000 + calls) };
    const started = performance.now();
    await expect(instantOf(stepped, 0)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(performance.now() - started).toBeLessThan(500);
  });
});
