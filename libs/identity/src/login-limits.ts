import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { isIP } from 'node:net';
import type { DataSource } from 'typeorm';

/** The table of rate-limiter-flexible's PostgreSQL store, created by migration 1795766400007. */
export const LOGIN_RATE_LIMIT_TABLE = 'login_rate_limit';
export const LOGIN_WINDOW_SECONDS = 15 * 60;
/** Attempts one user may make from one address per window. */
export const ATTEMPTS_PER_USER_AND_ADDRESS = 5;
/** Failed attempts one address may make per window, whatever the usernames (a successful login gives its point back). */
export const ATTEMPTS_PER_ADDRESS = 30;

/** The outcome of taking one attempt from a budget. */
export interface AttemptTaken {
  refused: boolean;
  /** Exactly one attempt per budget and window is the first one refused: the one the trail records. */
  firstRefusal: boolean;
  /** Milliseconds until the window ends. */
  msBeforeNext: number;
}

/**
 * One login budget, counted in PostgreSQL so that every API instance shares it. `take` is one atomic upsert
 * (`INSERT … ON CONFLICT DO UPDATE … RETURNING points`): concurrent attempts each get their own count, so no more than
 * the budget can ever pass, however many arrive at once.
 */
export class LoginBudget {
  private readonly limiter: RateLimiterPostgres;

  constructor(
    dataSource: DataSource,
    keyPrefix: string,
    readonly points: number,
  ) {
    this.limiter = new RateLimiterPostgres({
      // The API's own TypeORM pool (its driver's master pool): no extra connections to budget for, and the same
      // database role as every other query of the API.
      storeClient: dataSource,
      storeType: 'typeorm',
      tableName: LOGIN_RATE_LIMIT_TABLE,
      tableCreated: true,
      // The library's own clean-up timer outlives the app; IdentityService clears expired rows on a timer it stops.
      clearExpiredByTimeout: false,
      keyPrefix,
      points,
      duration: LOGIN_WINDOW_SECONDS,
    });
  }

  async take(key: string): Promise<AttemptTaken> {
    try {
      const res = await this.limiter.consume(key);
      return { refused: false, firstRefusal: false, msBeforeNext: res.msBeforeNext };
    } catch (error) {
      // Over the budget the library rejects with the counter's state; anything else is a store failure, and a
      // login whose attempt could not be counted does not go ahead.
      if (!(error instanceof RateLimiterRes)) throw error;
      return { refused: true, firstRefusal: error.consumedPoints === this.points + 1, msBeforeNext: error.msBeforeNext };
    }
  }

  /** Forgets the key: a successful login clears its user-and-address counter. */
  async clear(key: string): Promise<void> {
    await this.limiter.delete(key);
  }

  /** Gives one attempt back: a successful login does not count against its address. */
  async giveBack(key: string): Promise<void> {
    await this.limiter.reward(key, 1);
  }
}

/**
 * Deletes counters whose window ended an hour or more ago (the rule of the library's own timer), so rows of one-off
 * addresses and usernames do not pile up. A failure only postpones the clean-up.
 */
export async function clearExpiredLoginCounters(dataSource: DataSource, now: number): Promise<void> {
  await dataSource.query(`DELETE FROM ${LOGIN_RATE_LIMIT_TABLE} WHERE expire < $1`, [now - 3_600_000]).catch(() => undefined);
}

/**
 * The address a budget is kept for. An IPv6 client usually holds a whole /64 and could take a fresh address for every
 * guess, so IPv6 addresses count by their /64 (as an IPv4 address counts alone); an IPv4-mapped address is its IPv4.
 */
export function budgetAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  // An embedded IPv4 tail (::ffff:… aside, e.g. 64:ff9b::192.0.2.1) fills two groups.
  const groupsOf = (part: string) => (part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : []);
  const [head, tail] = address.split('::');
  const groups =
    tail === undefined ? groupsOf(head) : [...groupsOf(head), ...Array(8 - groupsOf(head).length - groupsOf(tail).length).fill('0'), ...groupsOf(tail)];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
