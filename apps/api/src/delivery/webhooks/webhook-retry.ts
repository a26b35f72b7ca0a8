/** No retry waits longer than an hour, however many attempts failed. */
export const RETRY_CAP_MS = 3600_000;

/**
 * The wait before the next attempt after `attempts` failed ones: "full jitter" (a uniformly random wait up to the
 * exponential ceiling base·2^(attempts−1), capped), so that receivers coming back after an outage are not hit by
 * every sender at the same instant.
 */
export function retryDelayMs(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_CAP_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.floor(random() * ceiling);
}
