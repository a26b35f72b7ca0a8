import type { AuditAction } from '@policy-cms/contract';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@policy-cms/audit';
import { APP_CONFIG, type AppConfig, type WebhookSettings } from '../../config/app-config';
import { type AuthenticatedUser, DomainError, isUuid } from '@policy-cms/common';
import { CHANGE_EVENT_COLUMNS, type ChangeEventRow, changeEventOf } from '../changes/change-event';
import { WEBHOOKS_CHANNEL } from '../notifications';
import {
  checkedDescription,
  checkedEventTypes,
  checkedGraceSeconds,
  checkedPolicyKeys,
  checkedUrl,
  quotedKey,
} from './webhook-input';
import { newWebhookSecret } from './webhook-signature';
import type {
  WebhookDeliveryModel,
  WebhookDeliveryPageModel,
  WebhookDeliveryStatus,
  WebhookModel,
  WebhookWithSecretModel,
} from './webhook.model';
import type { CreateWebhookInput, UpdateWebhookInput } from './webhook.input';
import type { ChangeEventType } from '../changes/change-event';

export const MAX_DELIVERIES_PAGE = 100;

/** A subscription as the API shows it (never its secrets), with its delivery counts. Alias the table as `s`. */
const WEBHOOK_COLUMNS = `
  s.id, s.url, s.description, s.event_types AS "eventTypes", s.policy_keys AS "policyKeys", s.active,
  s.disabled_reason AS "disabledReason", s.failing_since AS "failingSince",
  CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret_expires_at END AS "previousSecretExpiresAt",
  s.created_at AS "createdAt", s.updated_at AS "updatedAt",
  (SELECT count(*) FROM webhook_delivery d WHERE d.subscription_id = s.id AND d.status = 'PENDING')::int AS "pendingDeliveries",
  (SELECT count(*) FROM webhook_delivery d WHERE d.subscription_id = s.id AND d.status = 'FAILED')::int AS "failedDeliveries",
  (SELECT max(d.completed_at) FROM webhook_delivery d
    WHERE d.subscription_id = s.id AND d.status = 'DELIVERED') AS "lastDeliveredAt"`;

const DELIVERY_COLUMNS = `
  d.id, d.subscription_id AS "webhookId", s.url AS "webhookUrl", d.status, d.attempts,
  CASE WHEN d.status = 'PENDING' THEN d.next_attempt_at END AS "nextAttemptAt",
  d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.created_at AS "createdAt",
  d.completed_at AS "completedAt", d.event_seq::text AS "eventSeq",
  (SELECT row_to_json(x) FROM (SELECT ${CHANGE_EVENT_COLUMNS} FROM change_event e WHERE e.seq = d.event_seq) x) AS event,
  (SELECT coalesce(json_agg(json_build_object(
            'attemptedAt', a.attempted_at, 'durationMs', a.duration_ms, 'statusCode', a.status_code,
            'error', a.error, 'responseExcerpt', a.response_excerpt) ORDER BY a.id), '[]'::json)
     FROM webhook_attempt a WHERE a.delivery_id = d.id) AS "attemptLog"`;

/**
 * A delivery row with its attempt log, read by one statement: the worker writes an attempt and the delivery's state
 * in one transaction, and two statements could see one without the other (an attempt logged, its error not yet).
 */
interface DeliveryRow extends Omit<WebhookDeliveryModel, 'event' | 'attemptLog'> {
  eventSeq: string;
  event: ChangeEventRow;
  attemptLog: (Omit<WebhookDeliveryModel['attemptLog'][number], 'attemptedAt'> & { attemptedAt: string })[];
}

/** What the audit trail records of a subscription: its settings, never a secret. */
function auditView(webhook: WebhookModel) {
  return {
    url: webhook.url,
    description: webhook.description,
    eventTypes: webhook.eventTypes,
    policyKeys: webhook.policyKeys,
    active: webhook.active,
  };
}

/**
 * Webhook subscriptions and their delivery log, for ADMIN (the resolver checks the role). Every change is one
 * transaction with its audit event. The secret is written here and read only by the worker; the API shows it once,
 * in the answer of the mutation that made it.
 */
@Injectable()
export class WebhookService {
  private readonly settings: WebhookSettings;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.settings = config.webhooks;
  }

  /** Newest first; deleted ones are not listed. */
  webhooks(): Promise<WebhookModel[]> {
    return this.dataSource.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhook_subscription s WHERE s.deleted_at IS NULL ORDER BY s.created_at DESC, s.id`,
    );
  }

  async webhook(id: string): Promise<WebhookModel> {
    return this.load(this.dataSource.manager, id);
  }

  /** Only events after its creation are sent: the outbox is written when an event is, for the subscriptions then. */
  async create(actor: AuthenticatedUser, input: CreateWebhookInput, clientAddress: string | null): Promise<WebhookWithSecretModel> {
    const url = checkedUrl('input.url', input.url, this.settings);
    const description = checkedDescription('input.description', input.description);
    const eventTypes = checkedEventTypes('input.eventTypes', input.eventTypes);
    const policyKeys = input.policyKeys == null ? null : checkedPolicyKeys('input.policyKeys', input.policyKeys);
    const secret = newWebhookSecret();
    return this.dataSource.transaction(async (manager) => {
      if (policyKeys) await this.checkPoliciesExist(manager, 'input.policyKeys', policyKeys);
      const [{ id }]: { id: string }[] = await carryingSecret(
        manager.query(
          `INSERT INTO webhook_subscription (url, description, event_types, policy_keys, active, secret, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [url, description, eventTypes, policyKeys, input.active ?? true, secret, actor.id],
        ),
      );
      const webhook = await this.load(manager, id);
      await this.audit.append(manager, { ...auditOf('webhook.create', actor, id, clientAddress), after: auditView(webhook) });
      return { webhook, secret };
    });
  }

  async update(actor: AuthenticatedUser, id: string, input: UpdateWebhookInput, clientAddress: string | null): Promise<WebhookModel> {
    const changes: string[] = [];
    const values: unknown[] = [];
    const set = (assignment: string, value: unknown) => {
      values.push(value);
      changes.push(assignment.replace('?', `$${values.length + 1}`));
    };
    if (input.url != null) set('url = ?', checkedUrl('input.url', input.url, this.settings));
    if (input.description != null) set('description = ?', checkedDescription('input.description', input.description));
    if (input.eventTypes != null) set('event_types = ?', checkedEventTypes('input.eventTypes', input.eventTypes));
    if (input.allPolicies && input.policyKeys != null) {
      throw DomainError.badInput('input.allPolicies', 'give either policyKeys or allPolicies: true, not both');
    }
    const policyKeys = input.policyKeys == null ? null : checkedPolicyKeys('input.policyKeys', input.policyKeys);
    if (policyKeys) set('policy_keys = ?', policyKeys);
    if (input.allPolicies) changes.push('policy_keys = NULL');
    if (input.active === false) changes.push('active = false');
    if (input.active === true) changes.push('active = true, disabled_reason = NULL, failing_since = NULL');

    return this.dataSource.transaction(async (manager) => {
      const before = await this.load(manager, id, { lock: true });
      if (policyKeys) await this.checkPoliciesExist(manager, 'input.policyKeys', policyKeys);
      if (changes.length === 0) return before;
      await manager.query(`UPDATE webhook_subscription SET ${changes.join(', ')}, updated_at = now() WHERE id = $1`, [id, ...values]);
      const after = await this.load(manager, id);
      await this.audit.append(manager, {
        ...auditOf('webhook.update', actor, id, clientAddress),
        before: auditView(before),
        after: auditView(after),
      });
      // Enabled again: its waiting deliveries are due; wake the workers of every instance.
      if (input.active === true && !before.active) await manager.query(`SELECT pg_notify($1, '')`, [WEBHOOKS_CHANNEL]);
      return after;
    });
  }

  /** Soft delete: the log keeps its deliveries; the pending ones end FAILED, and no new ones are queued. */
  async delete(actor: AuthenticatedUser, id: string, clientAddress: string | null): Promise<WebhookModel> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.load(manager, id, { lock: true });
      await manager.query(
        `UPDATE webhook_subscription SET deleted_at = now(), active = false, updated_at = now() WHERE id = $1`,
        [id],
      );
      // Clearing the lease also voids an attempt in flight: its outcome no longer changes the delivery.
      await manager.query(
        `UPDATE webhook_delivery SET status = 'FAILED', completed_at = now(), lease_until = NULL,
                last_error = 'the webhook was deleted'
          WHERE subscription_id = $1 AND status = 'PENDING'`,
        [id],
      );
      const [after]: WebhookModel[] = await manager.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhook_subscription s WHERE s.id = $1`, [id]);
      await this.audit.append(manager, { ...auditOf('webhook.delete', actor, id, clientAddress), before: auditView(before) });
      return after;
    });
  }

  /** A new secret; the one it replaces still signs (a second signature) for `graceSeconds`, so receivers can switch. */
  async rotateSecret(actor: AuthenticatedUser, id: string, graceSeconds: number | null | undefined, clientAddress: string | null): Promise<WebhookWithSecretModel> {
    const grace = checkedGraceSeconds('graceSeconds', graceSeconds);
    const secret = newWebhookSecret();
    return this.dataSource.transaction(async (manager) => {
      await this.load(manager, id, { lock: true });
      await carryingSecret(
        manager.query(
          `UPDATE webhook_subscription
              SET previous_secret = CASE WHEN $3 > 0 THEN secret END,
                  previous_secret_expires_at = CASE WHEN $3 > 0 THEN now() + make_interval(secs => $3) END,
                  secret = $2, updated_at = now()
            WHERE id = $1`,
          [id, secret, grace],
        ),
      );
      const webhook = await this.load(manager, id);
      await this.audit.append(manager, {
        ...auditOf('webhook.rotate_secret', actor, id, clientAddress),
        after: { graceSeconds: grace, previousSecretExpiresAt: webhook.previousSecretExpiresAt },
      });
      return { webhook, secret };
    });
  }

  /** Newest first (by event), filtered; `after` is the endCursor of the previous page. */
  async deliveries(
    filter: { webhookId?: string | null; status?: WebhookDeliveryStatus | null; eventType?: ChangeEventType | null },
    page: { first: number; after?: string | null },
  ): Promise<WebhookDeliveryPageModel> {
    if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_DELIVERIES_PAGE) {
      throw DomainError.badInput('first', `first must be a whole number from 1 to ${MAX_DELIVERIES_PAGE}`);
    }
    const clauses: string[] = [];
    const params: unknown[] = [];
    const where = (clause: string, value: unknown) => {
      params.push(value);
      clauses.push(clause.replace('?', `$${params.length}`));
    };
    if (filter.webhookId) where('d.subscription_id = ?', filter.webhookId);
    if (filter.status) where('d.status = ?', filter.status);
    if (filter.eventType) where('d.event_seq IN (SELECT seq FROM change_event WHERE type = ?)', filter.eventType);
    const whereSql = (list: string[]) => (list.length ? `WHERE ${list.join(' AND ')}` : '');
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM webhook_delivery d ${whereSql(clauses)}`, params);
    if (page.after != null) {
      const cursor = decodeDeliveryCursor(page.after);
      params.push(cursor.seq, cursor.id);
      clauses.push(`(d.event_seq, d.id) < ($${params.length - 1}::bigint, $${params.length}::uuid)`);
    }
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
        ${whereSql(clauses)} ORDER BY d.event_seq DESC, d.id DESC LIMIT ${page.first + 1}`,
      params,
    );
    const pageRows = rows.slice(0, page.first);
    const deliveries = pageRows.map(deliveryOf);
    const last = pageRows[pageRows.length - 1];
    return {
      deliveries,
      endCursor: last ? encodeDeliveryCursor(last.eventSeq, last.id) : null,
      hasNextPage: rows.length > page.first,
      totalCount: n,
    };
  }

  /**
   * Sends a delivery again, with the same webhook-id (receivers that saw it drop it): due now, retried with backoff
   * while its event is within the retry horizon; past it, this is one more attempt.
   */
  async redeliver(actor: AuthenticatedUser, deliveryId: string, clientAddress: string | null): Promise<WebhookDeliveryModel> {
    if (!isUuid(deliveryId)) throw DomainError.badInput('deliveryId', 'deliveryId must be a UUID');
    return this.dataSource.transaction(async (manager) => {
      const [found]: { status: WebhookDeliveryStatus; active: boolean; deleted: boolean; subscriptionId: string }[] = await manager.query(
        `SELECT d.status, s.active, s.deleted_at IS NOT NULL AS deleted, s.id AS "subscriptionId"
           FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
          WHERE d.id = $1 FOR NO KEY UPDATE OF d`,
        [deliveryId],
      );
      if (!found) throw DomainError.notFound('webhook delivery');
      if (found.deleted) throw DomainError.conflict('its webhook was deleted');
      if (!found.active) throw DomainError.conflict('its webhook is disabled: enable it first');
      await manager.query(
        `UPDATE webhook_delivery
            SET status = 'PENDING', next_attempt_at = now(), completed_at = NULL,
                lease_until = CASE WHEN status = 'PENDING' THEN lease_until END
          WHERE id = $1`,
        [deliveryId],
      );
      await this.audit.append(manager, {
        ...auditOf('webhook.redeliver', actor, deliveryId, clientAddress),
        targetType: 'webhook_delivery',
        before: { status: found.status },
        after: { status: 'PENDING', webhookId: found.subscriptionId },
      });
      await manager.query(`SELECT pg_notify($1, '')`, [WEBHOOKS_CHANNEL]);
      const [row]: DeliveryRow[] = await manager.query(
        `SELECT ${DELIVERY_COLUMNS} FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id WHERE d.id = $1`,
        [deliveryId],
      );
      return deliveryOf(row);
    });
  }

  private async load(manager: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<WebhookModel> {
    if (!isUuid(id)) throw DomainError.badInput('id', 'id must be a UUID');
    if (options.lock) await manager.query(`SELECT 1 FROM webhook_subscription WHERE id = $1 FOR NO KEY UPDATE`, [id]);
    const [row]: WebhookModel[] = await manager.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhook_subscription s WHERE s.id = $1 AND s.deleted_at IS NULL`,
      [id],
    );
    if (!row) throw DomainError.notFound('webhook');
    return row;
  }

  private async checkPoliciesExist(manager: EntityManager, field: string, keys: string[]): Promise<void> {
    const found: { key: string }[] = await manager.query(`SELECT key FROM policy WHERE key = ANY($1::text[])`, [keys]);
    const known = new Set(found.map((row) => row.key));
    const missing = keys.filter((key) => !known.has(key));
    if (missing.length) {
      const more = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
      throw DomainError.badInput(field, `no such policy: ${missing.slice(0, 5).map(quotedKey).join(', ')}${more}`);
    }
  }
}

function deliveryOf(row: DeliveryRow): WebhookDeliveryModel {
  return {
    id: row.id,
    webhookId: row.webhookId,
    webhookUrl: row.webhookUrl,
    event: changeEventOf(row.event),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
    attemptLog: row.attemptLog.map((attempt) => ({ ...attempt, attemptedAt: new Date(attempt.attemptedAt) })),
  };
}

/**
 * Awaits a statement that carries a signing secret. Its error would carry the secret twice: TypeORM's QueryFailedError
 * keeps the statement's parameters, PostgreSQL's detail quotes a refused row ("Failing row contains (…)"), and the
 * error formatter logs an unexpected error in full. It is replaced by one with the same SQLSTATE and message only.
 */
async function carryingSecret<T>(statement: Promise<T>): Promise<T> {
  try {
    return await statement;
  } catch (error) {
    const { message, code } = error as { message?: unknown; code?: unknown };
    throw Object.assign(new Error(typeof message === 'string' ? message : 'a statement carrying a webhook secret failed'), {
      ...(typeof code === 'string' ? { code } : {}),
    });
  }
}

function auditOf(action: AuditAction, actor: AuthenticatedUser, targetId: string, clientAddress: string | null) {
  return { action, actorId: actor.id, actorName: actor.username, targetType: 'webhook', targetId, clientAddress };
}

function encodeDeliveryCursor(seq: string, id: string): string {
  return Buffer.from(`${seq}:${id}`).toString('base64url');
}

function decodeDeliveryCursor(cursor: string): { seq: string; id: string } {
  const match = /^(\d{1,18}):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !isUuid(match[2])) throw DomainError.badInput('after', 'after must be an endCursor this API handed out');
  return { seq: match[1], id: match[2] };
}
