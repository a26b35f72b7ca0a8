import { atOneInstant, fixRequestInstant, outsideRequest, requestNow, requestWrote } from './request-instant';

describe('one instant per request', () => {
  const ticking = () => {
    let ms = Date.parse('2026-12-01T00:00:00Z');
    return () => new Date((ms += 1_000));
  };

  it('outside a request, each read takes the clock itself', () => {
    const now = ticking();
    expect(requestNow(now).getTime()).not.toBe(requestNow(now).getTime());
  });

  it('in a request, the first read fixes the instant for every later read, across awaits', async () => {
    const now = ticking();
    const [first, second] = await atOneInstant(async () => {
      const a = requestNow(now);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return [a, requestNow(now)];
    });
    expect(second).toEqual(first);
  });

  it('an instant the edge settled is the one every read takes', () => {
    const settled = new Date('2026-12-01T09:00:00Z');
    expect(atOneInstant(() => requestNow(ticking()), settled)).toEqual(settled);
    expect(atOneInstant(() => (fixRequestInstant(settled), requestNow(ticking())))).toEqual(settled);
  });

  it('a write in the request lets its next read see it: a later instant', () => {
    const now = ticking();
    const [before, after] = atOneInstant(() => {
      const read = requestNow(now);
      requestWrote();
      return [read, requestNow(now)];
    });
    expect(after.getTime()).toBeGreaterThan(before.getTime());
  });

  it('two requests do not share their instants', async () => {
    const now = ticking();
    const [a, b] = await Promise.all([atOneInstant(async () => requestNow(now)), atOneInstant(async () => requestNow(now))]);
    expect(a.getTime()).not.toBe(b.getTime());
  });

  it('work started outside the request (a shared batch) does not carry the requester\'s instant, nor fix it', async () => {
    const now = ticking();
    const settled = new Date('2026-12-01T09:00:00Z');
    const [inBatch, afterBatch] = await atOneInstant(async () => {
      const batch = outsideRequest(() => new Promise<Date>((resolve) => setImmediate(() => resolve(requestNow(now)))));
      return [await batch, requestNow(now)];
    }, settled);
    expect(inBatch).not.toEqual(settled);
    expect(afterBatch).toEqual(settled);
  });
});
