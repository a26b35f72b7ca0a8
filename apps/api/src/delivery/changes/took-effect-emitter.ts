import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CLOCK } from '@policy-cms/common';
import { type CalendarDate, type Clock, addDays, todayInTokyo } from '@policy-cms/temporal';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/** The safety net behind the midnight timer: a timer may fire early or late, and a test's clock may jump. */
const POLL_MS = 60_000;
/** Fire a little after midnight rather than a little before it (timers round). */
const MIDNIGHT_MARGIN_MS = 50;
/** setTimeout's largest delay (about 24.8 days); a longer wait is simply re-planned when it fires. */
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Writes TOOK_EFFECT events (migration 0013's change_feed_took_effect) for every Tokyo day that has begun and is not
 * done yet. Any number of instances may run it: the one row of change_feed_progress is the lease (`FOR UPDATE SKIP
 * LOCKED`; an instance that finds it taken leaves the work to the holder), and a unique index makes each policy's event
 * for a day happen at most once anyway. It runs at start (catching up the days missed while no instance was up), at
 * each Tokyo midnight by the injected clock, and every minute as a safety net.
 */
@Injectable()
export class TookEffectEmitter implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('TookEffectEmitter');
  private midnightTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.changeFeedWorker) return;
    await this.runSafely();
    if (this.stopped) return;
    this.planMidnight();
    this.pollTimer = setInterval(() => void this.runSafely(), POLL_MS);
    this.pollTimer.unref();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.midnightTimer) clearTimeout(this.midnightTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.midnightTimer = this.pollTimer = null;
  }

  /**
   * Writes the TOOK_EFFECT events of every day after the last one done, up to today in Tokyo; returns how many were
   * written by this call (0 when another instance holds the lease, or nothing is due). On a fresh install the first
   * call only records today as done: the feed does not announce history. One day per transaction: the ledger's write
   * lock, which every publish and every read barrier waits for, is held for one day's work at a time, even when an
   * outage of months is caught up.
   */
  async emitDue(): Promise<number> {
    let written = 0;
    for (;;) {
      const run = await this.dataSource.transaction((manager) => this.emitNextDay(manager, todayInTokyo(this.clock)));
      written += run.written;
      if (!run.more) return written;
    }
  }

  private async emitNextDay(manager: EntityManager, today: CalendarDate): Promise<{ written: number; more: boolean }> {
    const leased: { through: CalendarDate | null }[] = await manager.query(
      `SELECT took_effect_through::text AS through FROM change_feed_progress FOR UPDATE SKIP LOCKED`,
    );
    if (leased.length === 0) return { written: 0, more: false }; // another instance is at it
    const { through } = leased[0];
    if (through === null) {
      await manager.query(`UPDATE change_feed_progress SET took_effect_through = $1::date`, [today]);
      return { written: 0, more: false };
    }
    if (through >= today) return { written: 0, more: false };
    const day = addDays(through, 1);
    // A ledger writer locks its version's row, then waits for the ledger's write lock; the events written under that
    // lock name the versions in force from the day on, and naming one takes a key-share lock on its row (the foreign
    // key). Taken in the writer's order, before the write lock, so that a withdrawal of such a version at midnight
    // waits for this day's events (or they for it) instead of one of the two failing as a deadlock.
    await manager.query(
      `SELECT 1 FROM policy_version
        WHERE id IN (SELECT version_id FROM ledger_segment WHERE upper_inf(recorded) AND lower(effective) = $1::date)
        ORDER BY id FOR KEY SHARE`,
      [day],
    );
    const [{ count }] = await manager.query(`SELECT change_feed_took_effect($1::date) AS count`, [day]);
    await manager.query(`UPDATE change_feed_progress SET took_effect_through = $1::date`, [day]);
    return { written: Number(count), more: day < today };
  }

  /** emitDue, once at a time per instance, never throwing: a failure is logged and the next run tries again. */
  private runSafely(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.running ??= this.emitDue()
      .then((written) => {
        if (written > 0) this.logger.log(`${written} TOOK_EFFECT event(s) written`);
        return written;
      })
      .catch((error: unknown) => {
        this.logger.warn(`TOOK_EFFECT events not written yet (${(error as Error).message}); retrying within a minute`);
        return 0;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  /** A timer to the next 00:00 in Tokyo by the injected clock, re-planned after each run. */
  private planMidnight(): void {
    if (this.stopped) return;
    const untilMidnightMs = msToNextTokyoMidnight(this.clock.now());
    this.midnightTimer = setTimeout(() => {
      this.midnightTimer = null;
      void this.runSafely().finally(() => this.planMidnight());
    }, Math.min(untilMidnightMs + MIDNIGHT_MARGIN_MS, LONGEST_TIMEOUT_MS));
    this.midnightTimer.unref();
  }
}

const TOKYO_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

/** Milliseconds from `now` to the next 00:00 in Tokyo (15:00 UTC: Japan keeps UTC+9 all year). */
export function msToNextTokyoMidnight(now: Date): number {
  const ms = now.getTime();
  return (Math.floor((ms + TOKYO_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - TOKYO_OFFSET_MS - ms;
}
