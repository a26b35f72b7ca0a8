import type { Clock } from '@policy-cms/temporal';

/** A clock that runs at the real one's speed, or stands still at a chosen instant; it only ever moves forward. */
export function steerableClock(start: string): Clock & { freezeAt(instant: string): void; runFrom(instant: string): void } {
  let offset = new Date(start).getTime() - Date.now();
  let frozen: number | null = null;
  const forwardOnly = (target: number) => {
    const current = frozen ?? Date.now() + offset;
    if (target < current) throw new Error(`the clock only moves forward (asked for ${new Date(target).toISOString()})`);
  };
  return {
    now: () => new Date(frozen ?? Date.now() + offset),
    freezeAt(instant) {
      forwardOnly(new Date(instant).getTime());
      frozen = new Date(instant).getTime();
    },
    runFrom(instant) {
      forwardOnly(new Date(instant).getTime());
      frozen = null;
      offset = new Date(instant).getTime() - Date.now();
    },
  };
}
