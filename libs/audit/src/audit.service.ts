import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, DomainError } from '@policy-cms/common';
import type { Clock } from '@policy-cms/temporal';
import { ACTION_FORMAT, AuditEvent, AuditEventInput, AuditFilter, AuditPage, AuditVerification } from './audit-event';
import { eventHash, toJsonValue } from './audit-hash';
import { AuditExportFormat, exportHeader, exportLine } from './audit-export-format';

/** Key of the transaction-scoped advisory lock that puts appends in one line ('audit' in ASCII). */
const APPEND_LOCK = 0x6175646974;
export const MAX_PAGE_SIZE = 200;
const VERIFY_BATCH = 5000;
const EXPORT_BATCH = 1000;

const COLUMNS = `
  id, occurred_at AS "occurredAt", actor_id AS "actorId", actor_name AS "actorName", action,
  target_type AS "targetType", target_id AS "targetId", before, after, reason, client_address AS "clientAddress",
  prev_hash AS "prevHash", hash`;

const CURSOR_PREFIX = 'audit_event:';

/**
 * The tamper-evident trail. Appends run in the caller's transaction, so an event exists exactly when the change it
 * records does; reads and verification are guard-neutral (the resolver and controller check roles).
 *
 * The table is written with SQL, not through a TypeORM entity: it has no updates, no relations, and its rows are
 * the API's model, so an entity would only add a second description of the migration.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Appends one event inside the caller's transaction (`manager` must be a transaction's manager).
   *
   * Appends are serialised by a transaction-scoped advisory lock, held until the caller commits or rolls back, so
   * the last hash read is the tip of the chain and the chain never forks; under READ COMMITTED the read after the
   * lock sees the previous appender's commit. Append as the last write of a transaction, to hold the lock briefly.
   * A caller in REPEATABLE READ whose snapshot predates the lock would read a stale tip: the database refuses that
   * fork (unique prev_hash) and the caller gets a unique violation, i.e. CONFLICT, instead of a broken chain.
   */
  async append(manager: EntityManager, input: AuditEventInput): Promise<AuditEvent> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.append must run inside the transaction of the change it records');
    }
    if (!ACTION_FORMAT.test(input.action)) throw new Error(`audit action ${JSON.stringify(input.action)} is not dotted lower case`);

    await manager.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [APPEND_LOCK]);
    const [last]: { hash: string }[] = await manager.query(`SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1`);
    const prevHash = last?.hash ?? null;
    const fields = {
      // The column keeps whole milliseconds, as the hash does.
      occurredAt: new Date(this.clock.now().getTime()),
      actorId: input.actorId ?? null,
      actorName: input.actorName ?? null,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      // Hash what jsonb will hand back, not the caller's object (which may hold Dates, undefined, ...).
      before: toJsonValue(input.before),
      after: toJsonValue(input.after),
      reason: input.reason ?? null,
      clientAddress: input.clientAddress ?? null,
    };
    const hash = eventHash(prevHash, fields);
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO audit_event
         (occurred_at, actor_id, actor_name, action, target_type, target_id, before, after, reason, client_address, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12)
       RETURNING id`,
      [
        fields.occurredAt,
        fields.actorId,
        fields.actorName,
        fields.action,
        fields.targetType,
        fields.targetId,
        // As text: the driver would turn a JS array into a PostgreSQL array literal.
        fields.before === null ? null : JSON.stringify(fields.before),
        fields.after === null ? null : JSON.stringify(fields.after),
        fields.reason,
        fields.clientAddress,
        prevHash,
        hash,
      ],
    );
    return { id, ...fields, prevHash, hash };
  }

  /**
   * Walks the whole chain in id order, a batch at a time (keyset pagination: memory stays flat however long the
   * trail), recomputing every hash and checking that each event names its predecessor's hash.
   * Returns at the first event that fails: a rewritten event is reported itself (its hash no longer matches);
   * a deleted or reordered event is reported as the event after the gap (its link no longer matches).
   * Removing events from the very end leaves a shorter, whole chain: anchor the latest hash elsewhere to catch that.
   */
  async verify(): Promise<AuditVerification> {
    let expectedPrev: string | null = null;
    let lastId = '0';
    let checked = 0;
    for (;;) {
      const rows: AuditEvent[] = await this.dataSource.query(
        `SELECT ${COLUMNS} FROM audit_event WHERE id > $1 ORDER BY id LIMIT ${VERIFY_BATCH}`,
        [lastId],
      );
      for (const row of rows) {
        checked += 1;
        if (row.prevHash !== expectedPrev || eventHash(row.prevHash, row) !== row.hash) {
          return { ok: false, checked, firstBrokenId: row.id };
        }
        expectedPrev = row.hash;
      }
      if (rows.length < VERIFY_BATCH) return { ok: true, checked, firstBrokenId: null };
      lastId = rows[rows.length - 1].id;
    }
  }

  /** A page of the trail, newest first. `page.after` is the `nextCursor` of the previous page. */
  async list(filter: AuditFilter, page: { first: number; after?: string | null }): Promise<AuditPage> {
    if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
      throw DomainError.badInput('first', `first must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
    }
    const { clauses, params } = whereOf(filter);
    const totalCount = Number(
      (await this.dataSource.query(`SELECT count(*) AS n FROM audit_event ${sqlWhere(clauses)}`, params))[0].n,
    );
    if (page.after !== undefined && page.after !== null) {
      params.push(decodeCursor(page.after));
      clauses.push(`id < $${params.length}`);
    }
    const rows: AuditEvent[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_event ${sqlWhere(clauses)} ORDER BY id DESC LIMIT ${page.first + 1}`,
      params,
    );
    const items = rows.slice(0, page.first);
    const nextCursor = rows.length > page.first ? encodeCursor(items[items.length - 1].id) : null;
    return { items, nextCursor, totalCount };
  }

  /**
   * The events matching the filter, oldest first (chain order), each with its hash, as CSV (RFC 4180, header row)
   * or JSON Lines. Rows are read a batch at a time as the consumer pulls, so the whole trail is never in memory.
   */
  exportStream(format: AuditExportFormat, filter: AuditFilter): Readable {
    const { clauses, params } = whereOf(filter);
    const dataSource = this.dataSource;
    async function* lines(): AsyncGenerator<string> {
      yield exportHeader(format);
      let lastId = '0';
      for (;;) {
        const rows: AuditEvent[] = await dataSource.query(
          `SELECT ${COLUMNS} FROM audit_event ${sqlWhere([...clauses, `id > $${params.length + 1}`])}
            ORDER BY id LIMIT ${EXPORT_BATCH}`,
          [...params, lastId],
        );
        if (rows.length > 0) yield rows.map((row) => exportLine(format, row)).join('');
        if (rows.length < EXPORT_BATCH) return;
        lastId = rows[rows.length - 1].id;
      }
    }
    return Readable.from(lines(), { objectMode: false });
  }
}

function whereOf(filter: AuditFilter): { clauses: string[]; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.actorId != null) add('actor_id = ?', filter.actorId);
  if (filter.action != null) add('action = ?', filter.action);
  if (filter.targetType != null) add('target_type = ?', filter.targetType);
  if (filter.targetId != null) add('target_id = ?', filter.targetId);
  for (const bound of ['from', 'to'] as const) {
    const value = filter[bound];
    if (value != null && !(value instanceof Date && !Number.isNaN(value.getTime()))) {
      throw DomainError.badInput(`filter.${bound}`, `${bound} must be an instant`);
    }
  }
  if (filter.from != null) add('occurred_at >= ?', filter.from);
  if (filter.to != null) add('occurred_at < ?', filter.to);
  return { clauses, params };
}

const sqlWhere = (clauses: string[]) => (clauses.length ? `WHERE ${clauses.join(' AND ')}` : '');

function encodeCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^[1-9][0-9]{0,17}$/.test(id)) throw DomainError.badInput('after', 'after is not a cursor of this list');
  return id;
}
