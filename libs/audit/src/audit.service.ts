import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, DomainError } from '@policy-cms/common';
import { ANONYMOUS_AUDIT_ACTION, AUDIT_ACTIONS, AUDIT_ACTOR_KINDS, isUuid } from '@policy-cms/contract';
import type { Clock } from '@policy-cms/temporal';
import { fromDateRangeLiteral } from '@policy-cms/temporal';
import {
  ACTION_FORMAT,
  AuditCheckpoint,
  AuditEvent,
  AuditEventInput,
  AuditFilter,
  AuditPage,
  AuditProblem,
  AuditVerification,
} from './audit-event';
import { eventHash, toJsonValue } from './audit-hash';
import { AuditExportFormat, AuditExportHeaders, exportHeader, exportLine } from './audit-export-format';
import { AuditSigner, checkpointSigningText } from './audit-signing';
import { LedgerReplay, LedgerRow, VersionRow } from './ledger-replay';
import { nameAuditEvents } from './audit-names';

/** Someone who appears as the actor of events, with how they are named now. */
export interface AuditActor {
  actorId: string | null;
  actorName: string | null;
  displayName: string | null;
  eventCount: number;
}

/** Key of the transaction-scoped advisory lock that puts appends in one line ('audit' in ASCII). */
const APPEND_LOCK = 0x6175646974;
export const MAX_PAGE_SIZE = 200;
const VERIFY_BATCH = 5000;
/** Verification lists at most this many problems (and counts them all): enough to act on, bounded in size. */
export const MAX_REPORTED_PROBLEMS = 100;
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
    assertStorableText(input);

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

  /** The head of the trail now, signed: an auditor keeps it and later asks verify to prove the trail extends it. */
  async checkpoint(signer: AuditSigner): Promise<AuditCheckpoint> {
    const [last]: { id: string; hash: string }[] = await this.dataSource.query(
      `SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1`,
    );
    const fields = { lastId: last?.id ?? null, headHash: last?.hash ?? null, at: new Date(this.clock.now().getTime()), keyId: signer.keyId };
    return { ...fields, signature: signer.sign(checkpointSigningText(fields)) };
  }

  /**
   * Walks the whole chain in id order, a batch at a time (keyset pagination: memory stays flat however long the
   * trail), recomputing every hash and checking that each event names its predecessor's hash. It goes on past a
   * broken event, so that one bad event cannot mask later tampering: a rewritten event is reported itself (its hash
   * no longer matches); a deleted, inserted or reordered event as the event after the gap (its link no longer matches).
   *
   * Then it replays the ledger records of publish and withdraw events against ledger_segment and the published or
   * withdrawn policy_version rows (see LedgerReplay), so that an edit of what the public reads is found too.
   *
   * Removing events from the very end leaves a shorter, whole chain: `since`, a checkpoint signed earlier, catches
   * that, and a rewrite re-chained up to the head, by requiring its last event to exist still with its hash.
   *
   * Everything is read in one REPEATABLE READ snapshot, so that an append landing meanwhile is not half seen.
   */
  async verify(options: { since?: AuditCheckpoint | null; signer?: AuditSigner } = {}): Promise<AuditVerification> {
    const problems: AuditProblem[] = [];
    let problemCount = 0;
    const report = (problem: Omit<AuditProblem, 'ledgerRowId' | 'versionId'> & Partial<AuditProblem>) => {
      problemCount += 1;
      if (problems.length < MAX_REPORTED_PROBLEMS) problems.push({ ledgerRowId: null, versionId: null, ...problem });
    };
    const since = options.since ?? null;
    let sinceFound = false;
    if (since) checkCheckpointSignature(since, options.signer, report);
    const replay = new LedgerReplay(report);
    let firstChainBreak: string | null = null;
    let checked = 0;
    let ledgerRowsChecked = 0;
    let versionsChecked = 0;

    await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      let expectedPrev: string | null = null;
      let lastId = '0';
      for (;;) {
        const rows: AuditEvent[] = await manager.query(
          `SELECT ${COLUMNS} FROM audit_event WHERE id > $1 ORDER BY id LIMIT ${VERIFY_BATCH}`,
          [lastId],
        );
        for (const row of rows) {
          checked += 1;
          if (row.prevHash !== expectedPrev) {
            firstChainBreak ??= row.id;
            report({
              code: 'EVENT_LINK_BROKEN',
              eventId: row.id,
              message: `event ${row.id} names ${row.prevHash ?? 'no'} predecessor hash, but the event before it has ${expectedPrev ?? 'none'}: events were removed, inserted or reordered before it`,
            });
          }
          if (eventHash(row.prevHash, row) !== row.hash) {
            firstChainBreak ??= row.id;
            report({ code: 'EVENT_HASH_MISMATCH', eventId: row.id, message: `event ${row.id} (${row.action}) no longer hashes to its stored hash: it was rewritten` });
          }
          if (since && row.id === since.lastId) {
            sinceFound = true;
            if (row.hash !== since.headHash) {
              report({
                code: 'CHECKPOINT_HEAD_MISMATCH',
                eventId: row.id,
                message: `event ${row.id} has hash ${row.hash}, but the checkpoint of ${since.at.toISOString()} recorded ${since.headHash}: the trail up to it was rewritten and re-chained`,
              });
            }
          }
          replay.addEvent(row.id, row.after, row.occurredAt);
          // Go on from the stored hash: the next event is judged by its own link, so one rewrite is reported once.
          expectedPrev = row.hash;
        }
        if (rows.length < VERIFY_BATCH) break;
        lastId = rows[rows.length - 1].id;
      }

      let lastRow = '0';
      for (;;) {
        const rows: (Omit<LedgerRow, 'effectiveFrom' | 'effectiveThrough'> & { effective: string })[] = await manager.query(
          `SELECT id, policy_id AS "policyId", version_id AS "versionId", effective::text AS effective,
                  lower(recorded) AS "openedAt", upper(recorded) AS "closedAt"
             FROM ledger_segment WHERE id > $1 ORDER BY id LIMIT ${VERIFY_BATCH}`,
          [lastRow],
        );
        for (const row of rows) {
          ledgerRowsChecked += 1;
          replay.checkLedgerRow({ ...row, ...fromDateRangeLiteral(row.effective) });
        }
        if (rows.length < VERIFY_BATCH) break;
        lastRow = rows[rows.length - 1].id;
      }
      replay.finishLedger();

      const versions: (Omit<VersionRow, 'effectiveFrom' | 'effectiveThrough'> & { effective: string })[] = await manager.query(
        `SELECT id, status, content, effective::text AS effective, summary, published_at AS "publishedAt",
                withdrawn_at AS "withdrawnAt"
           FROM policy_version WHERE status IN ('PUBLISHED', 'WITHDRAWN') OR id = ANY($1::uuid[])`,
        [replay.versionIds()],
      );
      versionsChecked = versions.length;
      replay.checkVersions(versions.map((row) => ({ ...row, ...fromDateRangeLiteral(row.effective) })));
    });

    if (since?.lastId && !sinceFound) {
      report({
        code: 'CHECKPOINT_EVENT_MISSING',
        eventId: since.lastId,
        message: `event ${since.lastId}, the last of the checkpoint of ${since.at.toISOString()}, no longer exists: the trail was cut back`,
      });
    }
    const named = problems.find((problem) => problem.eventId !== null && problem.code !== 'CHECKPOINT_EVENT_MISSING');
    return {
      ok: problemCount === 0,
      checked,
      firstBrokenId: firstChainBreak ?? named?.eventId ?? null,
      problems,
      problemCount,
      ledgerRowsChecked,
      versionsChecked,
      extendsCheckpoint: since ? !problems.some((problem) => problem.code.startsWith('CHECKPOINT_')) : null,
    };
  }

  /** A page of the trail, newest first. `page.after` is the `nextCursor` of the previous page. */
  async list(filter: AuditFilter, page: { first: number; after?: string | null }): Promise<AuditPage> {
    if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
      throw DomainError.badInput('first', `first must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
    }
    const { clauses, params } = whereOf(filter, 'filter.');
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
    return { items: await nameAuditEvents((sql, values) => this.dataSource.query(sql, values), items), nextCursor, totalCount };
  }

  /**
   * The people who acted in the trail (events with an actor id), with their display name now and how many events they
   * did: the choices of the trail's "by person" filter, for auditors who may not list users. The system and callers who
   * were not signed in have no id; the filter takes them by actorKind.
   */
  async actors(): Promise<AuditActor[]> {
    const rows: AuditActor[] = await this.dataSource.query(
      `SELECT e.actor_id AS "actorId", max(e.actor_name) AS "actorName", max(u.display_name) AS "displayName",
              count(*)::int AS "eventCount"
         FROM audit_event e
         LEFT JOIN user_account u ON e.actor_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                                 AND u.id = e.actor_id::uuid
        WHERE e.actor_id IS NOT NULL
        GROUP BY e.actor_id
        ORDER BY max(coalesce(u.display_name, e.actor_name)), e.actor_id`,
    );
    return rows;
  }

  /**
   * The events matching the filter, oldest first (chain order), each with its hash, as CSV (RFC 4180, header row)
   * or JSON Lines. Rows are read a batch at a time as the consumer pulls, so the whole trail is never in memory.
   * `headers` names the CSV's columns for programs ('en') or for a person ('ja'); the rows are the same.
   */
  exportStream(format: AuditExportFormat, filter: AuditFilter, headers: AuditExportHeaders = 'en'): Readable {
    const { clauses, params } = whereOf(filter, '');
    const dataSource = this.dataSource;
    async function* lines(): AsyncGenerator<string> {
      yield exportHeader(format, headers);
      let lastId = '0';
      for (;;) {
        const rows: AuditEvent[] = await dataSource.query(
          `SELECT ${COLUMNS} FROM audit_event ${sqlWhere([...clauses, `id > $${params.length + 1}`])}
            ORDER BY id LIMIT ${EXPORT_BATCH}`,
          [...params, lastId],
        );
        if (rows.length > 0) {
          const named = await nameAuditEvents((sql, values) => dataSource.query(sql, values), rows);
          yield named.map((row) => exportLine(format, row)).join('');
        }
        if (rows.length < EXPORT_BATCH) return;
        lastId = rows[rows.length - 1].id;
      }
    }
    return Readable.from(lines(), { objectMode: false });
  }
}

/**
 * The WHERE clauses of a filter, shared by the trail and its export so that both select the same events. A filter
 * that could only be a mistake is refused on its field rather than answered with nothing (or, in the export, with
 * everything): an empty value, an action the trail never records, a `to` not after `from`. Errors name the field as the
 * caller gave it: `filter.action` in GraphQL, `action` in the export's query string.
 */
function whereOf(filter: AuditFilter, fieldPrefix: 'filter.' | ''): { clauses: string[]; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replaceAll('?', `$${params.length}`));
  };
  for (const field of ['actorId', 'action', 'targetType', 'targetId', 'policyKey'] as const) {
    if (filter[field] === '') throw DomainError.badInput(`${fieldPrefix}${field}`, `${field} is empty: give a value, or leave ${field} out to take every event`);
  }
  if (filter.action != null && !(AUDIT_ACTIONS as readonly string[]).includes(filter.action)) {
    throw DomainError.badInput(`${fieldPrefix}action`, `action must be one of the actions the trail records (${AUDIT_ACTIONS.join(', ')})`);
  }
  // Ids are stored as PostgreSQL writes a UUID (lower case); one given in capitals names the same thing.
  const lowerUuid = (id: string) => (isUuid(id) ? id.toLowerCase() : id);
  if (filter.actorId != null) add('actor_id = ?', lowerUuid(filter.actorId));
  if (filter.actorKind != null) {
    if (!AUDIT_ACTOR_KINDS.includes(filter.actorKind)) throw DomainError.badInput(`${fieldPrefix}actorKind`, `actorKind must be one of ${AUDIT_ACTOR_KINDS.join(', ')}`);
    // As auditActorKindOf says: a person has an id; without one, a failed login is a caller's, anything else the system's.
    if (filter.actorKind === 'PERSON') clauses.push('actor_id IS NOT NULL');
    else add(`(actor_id IS NULL AND action ${filter.actorKind === 'ANONYMOUS' ? '=' : '<>'} ?)`, ANONYMOUS_AUDIT_ACTION);
  }
  if (filter.action != null) add('action = ?', filter.action);
  if (filter.targetType != null) add('target_type = ?', filter.targetType);
  if (filter.targetId != null) add('target_id = ?', lowerUuid(filter.targetId));
  if (filter.policyKey != null) {
    // A version's events name the version; the demo load's batch events name the policy.
    add(
      `((target_type = 'policy_version' AND target_id IN (SELECT v.id::text FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE p.key = ?))
        OR (target_type = 'policy' AND target_id IN (SELECT p.id::text FROM policy p WHERE p.key = ?)))`,
      filter.policyKey,
    );
  }
  for (const bound of ['from', 'to'] as const) {
    const value = filter[bound];
    if (value != null && !(value instanceof Date && !Number.isNaN(value.getTime()))) {
      throw DomainError.badInput(`${fieldPrefix}${bound}`, `${bound} must be an instant`);
    }
  }
  if (filter.from != null && filter.to != null && filter.to.getTime() <= filter.from.getTime()) {
    throw DomainError.badInput(`${fieldPrefix}to`, 'to must be later than from (from is included, to is not)');
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
  // Node's decoder skips what is not base64url; only the exact text this list issued is a cursor of it.
  if (!/^[1-9][0-9]{0,17}$/.test(id) || encodeCursor(id) !== cursor) throw DomainError.badInput('after', 'after is not a cursor of this list');
  return id;
}

/** The signature must be this server's, over exactly the checkpoint's fields. */
function checkCheckpointSignature(
  since: AuditCheckpoint,
  signer: AuditSigner | undefined,
  report: (problem: Omit<AuditProblem, 'ledgerRowId' | 'versionId'>) => void,
): void {
  if (!signer || since.keyId !== signer.keyId) {
    report({
      code: 'CHECKPOINT_KEY_UNKNOWN',
      eventId: null,
      message: `the checkpoint was signed with key ${since.keyId}, which this server does not hold${signer ? ` (its key is ${signer.keyId})` : ''}`,
    });
    return;
  }
  if (!signer.verify(checkpointSigningText(since), since.signature)) {
    report({ code: 'CHECKPOINT_SIGNATURE_INVALID', eventId: null, message: 'the checkpoint’s signature does not hold: it was altered or not issued by this server' });
  }
}

/**
 * PostgreSQL does not store every JavaScript string as it is: NUL is refused in text and jsonb, and a lone UTF-16
 * surrogate becomes U+FFFD, so its stored form would no longer match the hash. The API's input boundary refuses both;
 * reaching here with one is a programming error, refused before anything is hashed.
 */
function assertStorableText(input: AuditEventInput): void {
  const check = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (value.includes('\u0000') || !(value as string & { isWellFormed(): boolean }).isWellFormed()) {
        throw new Error(`audit event ${path} holds NUL or ill-formed UTF-16, which PostgreSQL would not store as hashed`);
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => check(item, `${path}[${index}]`));
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const [key, item] of Object.entries(value)) {
        check(key, `${path} key`);
        check(item, `${path}.${key}`);
      }
    }
  };
  for (const [field, value] of Object.entries(input)) check(value, field);
}
