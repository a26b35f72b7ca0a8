import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@policy-cms/audit';
import { APP_CONFIG, type AppConfig, type WebhookSettings } from '../../config/app-config';
import { CHANGE_EVENT_COLUMNS, type ChangeEventRow, changeEventOf } from '../changes/change-event';
import { DeliveryNotifications, WEBHOOKS_CHANNEL } from '../notifications';
import { type CallOutcome, callWebhook } from './webhook-call';
import { retryDelayMs } from './webhook-retry';
import { signatureHeader } from './webhook-signature';

/** Even with no notification, due deliveries are looked for this often (a lost NOTIFY, a retry due on another instance). */
export const FALLBACK_POLL_MS = 5000;
/** A lease outlasts the call's timeout by this much, for recording the outcome. */
const LEASE_MARGIN_MS = 30_000;
/** The calls each subscription has open now, on every instance (a delivery under a lease is being sent). */
const BUSY_SUBSCRIPTIONS = `busy AS (
  SELECT subscription_id, count(*) AS calls FROM webhook_delivery
   WHERE status = 'PENDING' AND lease_until >= now() GROUP BY subscription_id)`;

/**
 * How many calls one subscription may have open at once: a quarter of an instance's slots (at least one). A receiver
 * that hangs with a backlog then holds that many slots for the timeout and no more, and the others are served.
 */
export function callsPerWebhook(concurrency: number): number {
  return Math.max(1, Math.floor(concurrency / 4));
}

interface ClaimedDelivery {
  id: string;
  /** The lease as claimed, as text (microseconds intact): the outcome is recorded only while the lease is still ours. */
  lease: string;
  attempts: number;
  subscriptionId: string;
  url: string;
  secrets: string[];
  event: ChangeEventRow;
}

/**
 * Sends the webhook outbox. Every instance may run one (WEBHOOK_WORKER); they share the work through leases:
 * a delivery is claimed in a short transaction (`FOR UPDATE SKIP LOCKED`, then `lease_until`), sent outside any
 * transaction, and its outcome recorded in another. Another instance takes a delivery only once its lease ran out, so
 * two never send it at the same time, and one that died mid-call leaves it to be sent again (at least once).
 *
 * Scheduling uses the database's clock (`now()`), never the app's injected one: leases and due times are compared
 * by every instance, and one clock, the database's, makes those comparisons agree.
 *
 * It wakes on a NOTIFY (an event was fanned out, a delivery redelivered, a webhook enabled), at the earliest due
 * time, after a reconnect of the LISTEN connection, and every FALLBACK_POLL_MS. At most `concurrency` calls are in
 * flight, each bounded by the timeout, and at most callsPerWebhook() of them for one subscription, so a receiver that
 * never answers holds that many slots for that long and no more, however many deliveries wait for it.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookWorker');
  private readonly settings: WebhookSettings;
  private readonly callsPerWebhook: number;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  private claiming: Promise<void> | null = null;
  private claimAgain = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly notifications: DeliveryNotifications,
    private readonly audit: AuditService,
  ) {
    this.settings = config.webhooks;
    this.callsPerWebhook = callsPerWebhook(config.webhooks.concurrency);
  }

  onApplicationBootstrap(): void {
    if (!this.settings.worker) return;
    this.unsubscribe.push(this.notifications.subscribe(WEBHOOKS_CHANNEL, () => this.wake()));
    this.unsubscribe.push(this.notifications.onReconnect(() => this.wake()));
    this.wake();
  }

  /** Stops claiming, then waits for the calls in flight (each ends within the timeout) and records their outcomes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const stop of this.unsubscribe.splice(0)) stop();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.claiming?.catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Looks for due deliveries now (or right after the current look). */
  wake(): void {
    if (this.stopping) return;
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    this.claiming = this.claimAndSend()
      .catch((error: Error) => {
        // The database may be away for a moment: look again at the fallback interval.
        this.logger.error(`claiming webhook deliveries failed: ${error.message}`);
        this.lookAgainIn(FALLBACK_POLL_MS);
      })
      .finally(() => {
        this.claiming = null;
        if (this.claimAgain) {
          this.claimAgain = false;
          this.wake();
        }
      });
  }

  private async claimAndSend(): Promise<void> {
    for (;;) {
      const free = this.settings.concurrency - this.inFlight.size;
      if (this.stopping || free <= 0) return;
      const claimed = await this.claim(free);
      for (const delivery of claimed) {
        const call = this.send(delivery).finally(() => {
          this.inFlight.delete(call);
          // A slot came free: more may be due.
          this.wake();
        });
        this.inFlight.add(call);
      }
      if (claimed.length < free) break;
    }
    await this.scheduleNextLook();
  }

  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const leaseMs = this.settings.timeoutMs + LEASE_MARGIN_MS;
    // Candidates are ranked within their subscription after the calls it already has open (on any instance), so one
    // receiver with a backlog never takes more than its share of the slots; the rows are then locked and re-checked.
    return this.dataSource.query(
      `WITH ${BUSY_SUBSCRIPTIONS},
       candidate AS (
         SELECT ranked.id
           FROM (SELECT due.id, due.next_attempt_at,
                        coalesce(busy.calls, 0)
                          + row_number() OVER (PARTITION BY due.subscription_id ORDER BY due.next_attempt_at, due.id) AS place
                   FROM webhook_delivery due
                   JOIN webhook_subscription ds ON ds.id = due.subscription_id
                   LEFT JOIN busy ON busy.subscription_id = due.subscription_id
                  WHERE due.status = 'PENDING' AND due.next_attempt_at <= now()
                    AND (due.lease_until IS NULL OR due.lease_until < now())
                    AND ds.active AND ds.deleted_at IS NULL) ranked
          WHERE ranked.place <= $3
          ORDER BY ranked.next_attempt_at
          LIMIT $1 * 4)
       UPDATE webhook_delivery d
          SET lease_until = now() + make_interval(secs => $2 / 1000.0)
         FROM webhook_subscription s, change_event e
        WHERE d.id IN (SELECT locked.id FROM webhook_delivery locked
                        WHERE locked.id IN (SELECT id FROM candidate)
                          AND locked.status = 'PENDING' AND locked.next_attempt_at <= now()
                          AND (locked.lease_until IS NULL OR locked.lease_until < now())
                        ORDER BY locked.next_attempt_at
                        LIMIT $1
                          FOR UPDATE SKIP LOCKED)
          AND s.id = d.subscription_id AND e.seq = d.event_seq
      RETURNING d.id, d.lease_until::text AS lease, d.attempts, s.id AS "subscriptionId", s.url,
                array_remove(ARRAY[s.secret, CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret END], NULL)
                  AS secrets,
                (SELECT row_to_json(x) FROM (SELECT ${CHANGE_EVENT_COLUMNS}) x) AS event`,
      [limit, leaseMs, this.callsPerWebhook],
    ).then((result: [ClaimedDelivery[], number]) => result[0]);
  }

  /**
   * Sleeps until the earliest due delivery (or a lease running out), at most FALLBACK_POLL_MS. A subscription with
   * all its calls open is left out: a call of this instance ending wakes the worker, one of another is seen by the
   * fallback look, and counting it here would make the worker spin while its receiver stays silent.
   */
  private async scheduleNextLook(): Promise<void> {
    const [{ waitMs }]: { waitMs: number | null }[] = await this.dataSource.query(
      `WITH ${BUSY_SUBSCRIPTIONS}
       SELECT ceil(extract(epoch FROM min(greatest(d.next_attempt_at, coalesce(d.lease_until, d.next_attempt_at))) - now()) * 1000)::float8
                AS "waitMs"
         FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
         LEFT JOIN busy ON busy.subscription_id = d.subscription_id
        WHERE d.status = 'PENDING' AND s.active AND s.deleted_at IS NULL AND coalesce(busy.calls, 0) < $1`,
      [this.callsPerWebhook],
    );
    this.lookAgainIn(Math.min(FALLBACK_POLL_MS, Math.max(waitMs ?? FALLBACK_POLL_MS, 0) + 5));
  }

  private lookAgainIn(ms: number): void {
    if (this.stopping) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, ms);
    this.timer.unref();
  }

  private async send(delivery: ClaimedDelivery): Promise<void> {
    try {
      const body = JSON.stringify(changeEventOf(delivery.event));
      // The receiver's clock judges the timestamp (Standard Webhooks: reject if too far off), so the real time is
      // sent, not the injected app clock.
      const timestamp = Math.floor(Date.now() / 1000);
      const attemptedAt = new Date();
      const outcome = await callWebhook({
        url: delivery.url,
        body,
        timeoutMs: this.settings.timeoutMs,
        allowPrivate: this.settings.allowPrivate,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'policy-cms-webhooks',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(delivery.secrets, delivery.id, timestamp, body),
        },
      });
      await this.record(delivery, attemptedAt, outcome);
    } catch (error) {
      this.logger.error(`webhook delivery ${delivery.id}: ${(error as Error).message}`);
    }
  }

  /** The attempt and what it means for the delivery and its subscription, in one transaction. */
  private async record(delivery: ClaimedDelivery, attemptedAt: Date, outcome: CallOutcome): Promise<void> {
    const delivered = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const lastError = delivered ? null : (outcome.error ?? `HTTP ${outcome.statusCode}`);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO webhook_attempt (delivery_id, attempted_at, duration_ms, status_code, error, response_excerpt)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [delivery.id, attemptedAt, outcome.durationMs, outcome.statusCode, outcome.error, outcome.responseExcerpt],
      );
      if (delivered) {
        const [, updated]: [unknown, number] = await manager.query(
          `UPDATE webhook_delivery
              SET status = 'DELIVERED', attempts = attempts + 1, completed_at = now(), lease_until = NULL,
                  last_status_code = $3, last_error = NULL
            WHERE id = $1 AND lease_until = $2::timestamptz`,
          [delivery.id, delivery.lease, outcome.statusCode],
        );
        if (updated) {
          await manager.query(`UPDATE webhook_subscription SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [
            delivery.subscriptionId,
          ]);
        }
        return;
      }
      const delayMs = retryDelayMs(delivery.attempts + 1, this.settings.retryBaseMs);
      const [, updated]: [unknown, number] = await manager.query(
        `UPDATE webhook_delivery
            SET attempts = attempts + 1, lease_until = NULL, last_status_code = $3, last_error = $4,
                next_attempt_at = now() + make_interval(secs => $5 / 1000.0),
                status = CASE WHEN now() + make_interval(secs => $5 / 1000.0) > created_at + make_interval(secs => $6 / 1000.0)
                              THEN 'FAILED' ELSE 'PENDING' END,
                completed_at = CASE WHEN now() + make_interval(secs => $5 / 1000.0) > created_at + make_interval(secs => $6 / 1000.0)
                                    THEN now() END
          WHERE id = $1 AND lease_until = $2::timestamptz`,
        [delivery.id, delivery.lease, outcome.statusCode, lastError, delayMs, this.settings.retryHorizonMs],
      );
      if (updated) await this.noteFailure(manager, delivery.subscriptionId);
    });
  }

  /**
   * A subscription failing since longer than disableAfterMs (no delivery succeeded meanwhile) is switched off, once,
   * with an audit event by the system: the receiver is gone, and the outbox should stop growing for it.
   */
  private async noteFailure(manager: EntityManager, subscriptionId: string): Promise<void> {
    const [[row]]: [{ failingSince: Date; disable: boolean }[], number] = await manager.query(
      `UPDATE webhook_subscription SET failing_since = coalesce(failing_since, now())
        WHERE id = $1
      RETURNING failing_since AS "failingSince",
                active AND deleted_at IS NULL AND failing_since < now() - make_interval(secs => $2 / 1000.0) AS disable`,
      [subscriptionId, this.settings.disableAfterMs],
    );
    if (!row?.disable) return;
    const reason = `every delivery failed since ${row.failingSince.toISOString()}, for longer than ${formatDuration(this.settings.disableAfterMs)}`;
    await manager.query(
      `UPDATE webhook_subscription SET active = false, disabled_reason = $2, updated_at = now() WHERE id = $1`,
      [subscriptionId, reason],
    );
    await this.audit.append(manager, {
      action: 'webhook.disable',
      actorId: null,
      actorName: 'system',
      targetType: 'webhook',
      targetId: subscriptionId,
      before: { active: true },
      after: { active: false },
      reason,
    });
    this.logger.warn(`webhook ${subscriptionId} disabled: ${reason}`);
  }
}

function formatDuration(ms: number): string {
  if (ms >= 3600_000) return `${+(ms / 3600_000).toFixed(2)} h`;
  if (ms >= 1000) return `${+(ms / 1000).toFixed(1)} s`;
  return `${ms} ms`;
}
