import 'reflect-metadata';
import type { Readable } from 'node:stream';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DomainError } from '@policy-cms/common';
import { buildDataSourceOptions } from '@policy-cms/database';
import type { Clock } from '@policy-cms/temporal';
import { AuditService, eventHash, type AuditEvent, type AuditEventInput } from '../libs/audit/src';
import { currentDatabase } from './support/current-database';

/**
 * The audit trail on a real PostgreSQL: appends in the caller's transaction, one unbroken chain under concurrency,
 * what the database refuses, tampering found by verification, exports and the paginated list.
 * The cases share one trail and run in order; each tampering case puts the trail back as it found it.
 */
const START = Date.parse('2025-04-01T00:00:00Z');

describe('the audit trail', () => {
  let dataSource: DataSource;
  let superuser: Client;
  let audit: AuditService;
  let ticks = 0;
  // Each reading a second later than the one before: events get distinct, increasing instants.
  const clock: Clock = { now: () => new Date(START + 1000 * ticks++) };

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions({ url: currentDatabase().url, entities: [], migrations: [], poolSize: 12 }));
    await dataSource.initialize();
    superuser = new Client({ connectionString: currentDatabase().url });
    await superuser.connect();
    audit = new AuditService(dataSource, clock);
  });
  afterAll(async () => {
    await superuser.end();
    await dataSource.destroy();
  });

  const append = (event: AuditEventInput) => dataSource.transaction((manager) => audit.append(manager, event));
  const count = async () => Number((await superuser.query(`SELECT count(*) AS n FROM audit_event`)).rows[0].n);
  const ids = async () => (await superuser.query(`SELECT id FROM audit_event ORDER BY id`)).rows.map((row) => row.id as string);

  /** Runs SQL as the superuser with the trail's triggers off, as someone with the keys to the database would. */
  async function behindTheBack(sql: string, params: unknown[] = []): Promise<void> {
    await superuser.query('BEGIN');
    try {
      await superuser.query(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
      await superuser.query(sql, params);
      await superuser.query(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
      await superuser.query('COMMIT');
    } catch (error) {
      await superuser.query('ROLLBACK');
      throw error;
    }
  }

  /** The answer for a whole trail without ledger rows or published versions. */
  const whole = (checked: number) => ({
    ok: true,
    checked,
    firstBrokenId: null,
    problems: [],
    problemCount: 0,
    ledgerRowsChecked: 0,
    versionsChecked: 0,
    extendsCheckpoint: null,
  });

  async function collect(stream: Readable): Promise<string> {
    let text = '';
    for await (const chunk of stream) text += chunk.toString();
    return text;
  }

  it('belongs to policy_cms_audit_owner, not the migrating role, where that role may create roles', async () => {
    const [me] = (await superuser.query(`SELECT current_user AS name, rolsuper OR rolcreaterole AS may FROM pg_roles WHERE rolname = current_user`)).rows;
    const { rows } = await superuser.query(`
      SELECT (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'audit_event'::regclass) AS "table",
             (SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE oid = 'audit_event_refuse_change'::regproc) AS "function",
             has_table_privilege(current_user, 'audit_event', 'SELECT, INSERT') AS "selectInsert"`);
    const owner = me.may ? 'policy_cms_audit_owner' : me.name;
    expect(rows).toEqual([{ table: owner, function: owner, selectInsert: true }]);
  });

  it('verifies an empty trail as whole', async () => {
    await expect(audit.verify()).resolves.toEqual(whole(0));
  });

  it('chains each event to the one before and stores what was hashed', async () => {
    const first = await append({ action: 'auth.login', actorId: '1', actorName: 'editor', targetType: 'user', targetId: '1', clientAddress: '10.0.0.1' });
    const second = await append({
      action: 'policy_version.create',
      actorId: '1',
      actorName: 'editor',
      targetType: 'policy_version',
      targetId: 'v-1',
      // Keys out of order, numbers jsonb rewrites, a Date, undefined and Japanese text: the hash must survive jsonb.
      after: { z: 1, a: [1.5, 1e21, -0, 'x'], nested: { b: true, a: null, skipped: undefined }, at: new Date('2025-04-01T09:00:00+09:00'), 題名: '記載事項変更' },
    });
    const third = await append({ action: 'policy_version.approve', actorId: '2', actorName: 'approver', targetType: 'policy_version', targetId: 'v-1', before: { status: 'IN_REVIEW' }, after: { status: 'APPROVED' }, reason: 'ok' });

    expect(first.prevHash).toBeNull();
    expect(second.prevHash).toBe(first.hash);
    expect(third.prevHash).toBe(second.hash);
    expect(second.after).toEqual({ z: 1, a: [1.5, 1e21, 0, 'x'], nested: { b: true, a: null }, at: '2025-04-01T00:00:00.000Z', 題名: '記載事項変更' });
    const { rows } = await superuser.query(`SELECT id, occurred_at, after, prev_hash, hash FROM audit_event WHERE id = $1`, [second.id]);
    expect(rows).toEqual([{ id: second.id, occurred_at: second.occurredAt, after: second.after, prev_hash: first.hash, hash: second.hash }]);
    await expect(audit.verify()).resolves.toEqual(whole(3));
  });

  it('leaves no event behind when the transaction rolls back', async () => {
    const before = await count();
    await expect(
      dataSource.transaction(async (manager) => {
        await audit.append(manager, { action: 'user.create', actorId: '9', targetType: 'user', targetId: '99' });
        throw new Error('the change failed after its event was written');
      }),
    ).rejects.toThrow('the change failed');
    expect(await count()).toBe(before);
    await expect(audit.verify()).resolves.toMatchObject({ ok: true, checked: before });
  });

  it('refuses to append outside a transaction', async () => {
    await expect(audit.append(dataSource.manager, { action: 'auth.login' })).rejects.toThrow('inside the transaction');
  });

  it('keeps one unbroken chain when 20 transactions append at once', async () => {
    const before = await count();
    const events = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        dataSource.transaction(async (manager) => {
          // Some work before the event, so the transactions really overlap.
          await manager.query(`SELECT pg_sleep(0.01 * ($1::int % 3))`, [i]);
          return audit.append(manager, { action: 'policy_version.create', actorId: `c${i}`, targetType: 'policy_version', targetId: `c-${i}` });
        }),
      ),
    );
    expect(new Set(events.map((event) => event.prevHash)).size).toBe(20);
    expect(await count()).toBe(before + 20);
    await expect(audit.verify()).resolves.toEqual(whole(before + 20));
  });

  it('chains several events written in one transaction', async () => {
    const before = await count();
    const [a, b] = await dataSource.transaction(async (manager) => [
      await audit.append(manager, { action: 'user.create', targetType: 'user', targetId: 'u-a' }),
      await audit.append(manager, { action: 'user.roles_change', targetType: 'user', targetId: 'u-a', before: { roles: [] }, after: { roles: ['EDITOR'] } }),
    ]);
    expect(b.prevHash).toBe(a.hash);
    await expect(audit.verify()).resolves.toMatchObject({ ok: true, checked: before + 2 });
  });

  describe('what PostgreSQL refuses, to the superuser too', () => {
    it.each([
      ['UPDATE', `UPDATE audit_event SET reason = 'rewritten' WHERE id = (SELECT min(id) FROM audit_event)`],
      ['DELETE', `DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)`],
      ['TRUNCATE', `TRUNCATE audit_event`],
    ])('%s', async (operation, sql) => {
      await expect(superuser.query(sql)).rejects.toMatchObject({
        code: '23001', // restrict_violation
        message: `the audit trail is append-only: ${operation} on audit_event refused`,
      });
    });

    it('a second first event, or a second successor of one event (a fork)', async () => {
      const [tip] = (await superuser.query(`SELECT prev_hash FROM audit_event ORDER BY id DESC LIMIT 1`)).rows;
      const insert = (prevHash: string | null) =>
        superuser.query(`INSERT INTO audit_event (occurred_at, action, prev_hash, hash) VALUES (now()::timestamptz(3), 'fork', $1, $2)`, [
          prevHash,
          'f'.repeat(64),
        ]);
      await expect(insert(null)).rejects.toMatchObject({ code: '23505', constraint: 'audit_event_one_first' });
      await expect(insert(tip.prev_hash)).rejects.toMatchObject({ code: '23505', constraint: 'audit_event_one_successor' });
    });
  });

  describe('tampering behind the database’s back', () => {
    it('a rewritten event is reported itself, not a later one', async () => {
      const all = await ids();
      const target = all[3];
      const [{ after }] = (await superuser.query(`SELECT after FROM audit_event WHERE id = $1`, [target])).rows;
      await behindTheBack(`UPDATE audit_event SET after = '{"status":"PUBLISHED"}' WHERE id = $1`, [target]);

      await expect(audit.verify()).resolves.toMatchObject({
        ok: false,
        checked: all.length,
        firstBrokenId: target,
        problemCount: 1,
        problems: [{ code: 'EVENT_HASH_MISMATCH', eventId: target }],
      });

      await behindTheBack(`UPDATE audit_event SET after = $2 WHERE id = $1`, [target, after]);
      await expect(audit.verify()).resolves.toEqual(whole(all.length));
    });

    it('a rewritten reason, a moved instant or a recomputed hash are found too', async () => {
      const all = await ids();
      const target = all[2]; // policy_version.approve, reason 'ok'
      await behindTheBack(`UPDATE audit_event SET reason = 'ok!' WHERE id = $1`, [target]);
      await expect(audit.verify()).resolves.toMatchObject({ ok: false, firstBrokenId: target });
      await behindTheBack(`UPDATE audit_event SET reason = 'ok' WHERE id = $1`, [target]);

      await behindTheBack(`UPDATE audit_event SET occurred_at = occurred_at + interval '1 second' WHERE id = $1`, [target]);
      await expect(audit.verify()).resolves.toMatchObject({ ok: false, firstBrokenId: target });
      await behindTheBack(`UPDATE audit_event SET occurred_at = occurred_at - interval '1 second' WHERE id = $1`, [target]);

      // A forger who recomputes the rewritten event's hash breaks the link of the event after it.
      const [row] = (await superuser.query(`SELECT id, occurred_at, actor_id, actor_name, action, target_type, target_id, before, after, reason, client_address, prev_hash, hash FROM audit_event WHERE id = $1`, [target])).rows;
      const forged = eventHash(row.prev_hash, {
        occurredAt: row.occurred_at, actorId: row.actor_id, actorName: row.actor_name, action: row.action, targetType: row.target_type,
        targetId: row.target_id, before: row.before, after: row.after, reason: 'forged', clientAddress: row.client_address,
      });
      await behindTheBack(`UPDATE audit_event SET reason = 'forged', hash = $2 WHERE id = $1`, [target, forged]);
      await expect(audit.verify()).resolves.toMatchObject({ ok: false, firstBrokenId: all[3], problems: [{ code: 'EVENT_LINK_BROKEN', eventId: all[3] }] });
      await behindTheBack(`UPDATE audit_event SET reason = $3, hash = $2 WHERE id = $1`, [target, row.hash, row.reason]);

      await expect(audit.verify()).resolves.toMatchObject({ ok: true, checked: all.length });
    });

    it('a deleted event is reported as the event after the gap', async () => {
      const all = await ids();
      const [removed] = (await superuser.query(`SELECT * FROM audit_event WHERE id = $1`, [all[5]])).rows;
      await behindTheBack(`DELETE FROM audit_event WHERE id = $1`, [removed.id]);

      await expect(audit.verify()).resolves.toMatchObject({
        ok: false,
        checked: all.length - 1,
        firstBrokenId: all[6],
        problemCount: 1,
        problems: [{ code: 'EVENT_LINK_BROKEN', eventId: all[6] }],
      });

      await behindTheBack(
        `INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_record(NULL::audit_event, $1)`,
        [JSON.stringify(removed)],
      );
      await expect(audit.verify()).resolves.toEqual(whole(all.length));
    });
  });

  describe('every broken event, not only the first', () => {
    it('lists each rewritten event, so that a first break cannot mask later tampering', async () => {
      const all = await ids();
      const targets = [all[1], all[4], all[7]];
      const saved = (await superuser.query(`SELECT id, reason FROM audit_event WHERE id = ANY($1::bigint[])`, [targets])).rows;
      await behindTheBack(`UPDATE audit_event SET reason = 'rewritten' WHERE id = ANY($1::bigint[])`, [targets]);

      const result = await audit.verify();
      expect(result).toMatchObject({ ok: false, checked: all.length, firstBrokenId: targets[0], problemCount: 3 });
      expect(result.problems.map((problem) => [problem.code, problem.eventId])).toEqual(targets.map((id) => ['EVENT_HASH_MISMATCH', id]));

      for (const row of saved) await behindTheBack(`UPDATE audit_event SET reason = $2 WHERE id = $1`, [row.id, row.reason]);
      await expect(audit.verify()).resolves.toEqual(whole(all.length));
    });

    it('bounds the list at 100 and counts them all', async () => {
      const all = await ids();
      expect(all.length).toBeGreaterThan(0);
      // More events than the list holds, every one rewritten.
      await dataSource.transaction(async (manager) => {
        for (let i = 0; i < 120; i++) await audit.append(manager, { action: 'policy_version.update', targetType: 'policy_version', targetId: `m-${i}`, reason: 'x' });
      });
      const added = (await ids()).slice(all.length);
      await behindTheBack(`UPDATE audit_event SET reason = 'y' WHERE id = ANY($1::bigint[])`, [added]);
      const result = await audit.verify();
      expect(result).toMatchObject({ ok: false, problemCount: 120 });
      expect(result.problems).toHaveLength(100);
      await behindTheBack(`UPDATE audit_event SET reason = 'x' WHERE id = ANY($1::bigint[])`, [added]);
      await expect(audit.verify()).resolves.toMatchObject({ ok: true, problemCount: 0 });
    });
  });

  describe('hashes exactly what is stored', () => {
    it.each([
      ['a lone surrogate in the reason', { reason: 'x\ud800' }],
      ['NUL in the actor name', { actorName: 'a\u0000b' }],
      ['a lone low surrogate inside after', { after: { rows: [{ note: '\udc00' }] } }],
      ['NUL in a key of before', { before: { 'k\u0000': 1 } }],
      ['a lone surrogate in the client address', { clientAddress: '\ud83d' }],
    ])('refuses %s, which PostgreSQL would change or refuse, before anything is written', async (_, fields) => {
      const before = await count();
      await expect(append({ action: 'policy_version.update', ...fields })).rejects.toThrow(/NUL or ill-formed UTF-16/);
      expect(await count()).toBe(before);
    });

    it('keeps astral-plane text and U+FFFD as they are', async () => {
      const event = await append({ action: 'policy_version.update', reason: '𠮷 \ufffd', after: { note: '🙂' } });
      const [row] = (await superuser.query(`SELECT reason, after FROM audit_event WHERE id = $1`, [event.id])).rows;
      expect(row).toEqual({ reason: '𠮷 \ufffd', after: { note: '🙂' } });
      await expect(audit.verify()).resolves.toMatchObject({ ok: true });
    });
  });

  describe('export', () => {
    /** RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
    function parseCsv(text: string): string[][] {
      const records: string[][] = [];
      let record: string[] = [];
      let field = '';
      let quoted = false;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
          if (c === '"' && text[i + 1] === '"') {
            field += '"';
            i++;
          } else if (c === '"') quoted = false;
          else field += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') {
          record.push(field);
          field = '';
        } else if (c === '\r' && text[i + 1] === '\n') {
          record.push(field);
          records.push(record);
          record = [];
          field = '';
          i++;
        } else field += c;
      }
      expect(field).toBe(''); // every record ends with CRLF
      return records;
    }

    let events: { id: string; hash: string }[];

    beforeAll(async () => {
      await append({
        action: 'policy_version.reject',
        actorId: '2',
        actorName: '承認者, "主任"',
        targetType: 'policy_version',
        targetId: 'v-2',
        before: { status: 'IN_REVIEW', note: 'a,b "c"\nd' },
        reason: '根拠が不足しています。\r\n出典を記載してください, "至急"',
      });
      events = (await superuser.query(`SELECT id, hash FROM audit_event ORDER BY id`)).rows;
    });

    it('CSV: a header row and every event, oldest first, with its hash, quoted as RFC 4180 says', async () => {
      const text = await collect(audit.exportStream('csv', {}));
      // A UTF-8 BOM first (Excel in Japanese), times in Tokyo with their offset, names after the hashed columns.
      expect(text.startsWith('\uFEFF')).toBe(true);
      const [header, ...records] = parseCsv(text.slice(1));
      expect(header).toEqual([
        'id', 'occurred_at_asia_tokyo', 'actor_id', 'actor_name', 'action', 'target_type', 'target_id', 'before', 'after', 'reason',
        'client_address', 'prev_hash', 'hash', 'actor_display_name', 'target_policy_title', 'target_version_number', 'target_user_name',
        'action_name_ja', 'actor_kind',
      ]);
      expect(records.map((r) => ({ id: r[0], hash: r[12] }))).toEqual(events);
      const last = records[records.length - 1];
      expect(last[3]).toBe('承認者, "主任"');
      expect(last[9]).toBe('根拠が不足しています。\r\n出典を記載してください, "至急"');
      expect(JSON.parse(last[7])).toEqual({ status: 'IN_REVIEW', note: 'a,b "c"\nd' });
      // Empty fields are nulls; every hash can be recomputed from the file alone.
      for (const r of records) {
        const orNull = (value: string) => (value === '' ? null : value);
        const fields = {
          occurredAt: new Date(r[1]), actorId: orNull(r[2]), actorName: orNull(r[3]), action: r[4], targetType: orNull(r[5]),
          targetId: orNull(r[6]), before: r[7] ? JSON.parse(r[7]) : null, after: r[8] ? JSON.parse(r[8]) : null,
          reason: orNull(r[9]), clientAddress: orNull(r[10]),
        };
        expect(eventHash(orNull(r[11]), fields)).toBe(r[12]);
      }
    });

    it('JSON Lines: one event per line, with its hash, recomputable', async () => {
      const text = await collect(audit.exportStream('jsonl', {}));
      expect(text.endsWith('\n')).toBe(true);
      const lines: AuditEvent[] = text.trimEnd().split('\n').map((line) => JSON.parse(line));
      expect(lines.map(({ id, hash }) => ({ id, hash }))).toEqual(events);
      for (const line of lines) expect(eventHash(line.prevHash, { ...line, occurredAt: new Date(line.occurredAt) })).toBe(line.hash);
    });

    it('applies the filter', async () => {
      const text = await collect(audit.exportStream('jsonl', { targetType: 'policy_version', targetId: 'v-1' }));
      expect(text.trimEnd().split('\n').map((line) => JSON.parse(line).action)).toEqual(['policy_version.create', 'policy_version.approve']);
      expect(await collect(audit.exportStream('csv', { action: 'webhook.redeliver' }))).toBe(
        '\uFEFFid,occurred_at_asia_tokyo,actor_id,actor_name,action,target_type,target_id,before,after,reason,client_address,prev_hash,hash,' +
          'actor_display_name,target_policy_title,target_version_number,target_user_name,action_name_ja,actor_kind\r\n',
      );
    });
  });

  describe('list', () => {
    it('filters by actor, action, target and time', async () => {
      const page = (filter: Parameters<AuditService['list']>[0]) => audit.list(filter, { first: 200 });
      expect((await page({ actorId: '1' })).items.map((e) => e.action)).toEqual(['policy_version.create', 'auth.login']);
      expect((await page({ action: 'policy_version.approve' })).items.map((e) => e.targetId)).toEqual(['v-1']);
      expect((await page({ targetType: 'user', targetId: 'u-a' })).items.map((e) => e.action)).toEqual(['user.roles_change', 'user.create']);
      // The first events were at START, START+1s, START+2s: `from` inclusive, `to` exclusive.
      const window = await page({ from: new Date(START + 1000), to: new Date(START + 2000) });
      expect(window.items.map((e) => e.action)).toEqual(['policy_version.create']);
      expect(window.totalCount).toBe(1);
    });

    it('pages newest first with a cursor until the last page', async () => {
      const all = await ids();
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page = await audit.list({}, { first: 7, after });
        expect(page.totalCount).toBe(all.length);
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((e) => e.id));
        after = page.nextCursor;
        pages++;
      } while (after);
      expect(seen).toEqual([...all].reverse());
      expect(pages).toBe(Math.ceil(all.length / 7));
    });

    it('refuses a page size outside 1..200 and a cursor it did not issue', async () => {
      await expect(audit.list({}, { first: 201 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      await expect(audit.list({}, { first: 0 })).rejects.toBeInstanceOf(DomainError);
      await expect(audit.list({}, { first: 10, after: 'bm9wZQ' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      // Node's base64 decoder skips what is not base64url: an issued cursor with something added is not one.
      const { nextCursor } = await audit.list({}, { first: 1 });
      expect(nextCursor).not.toBeNull();
      for (const forged of [`${nextCursor}!!!`, `${nextCursor}=`, ` ${nextCursor}`]) {
        await expect(audit.list({}, { first: 1, after: forged })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      }
    });

    it('refuses a filter that could only be a mistake, on its field, in the list and in the export alike', async () => {
      const mistakes: [Parameters<AuditService['list']>[0], string][] = [
        [{ action: '' }, 'action'],
        [{ targetId: '' }, 'targetId'],
        [{ policyKey: '' }, 'policyKey'],
        [{ action: 'policy_version.publsh' }, 'action'],
        [{ from: new Date(START + 2000), to: new Date(START + 1000) }, 'to'],
        [{ from: new Date(START), to: new Date(START) }, 'to'],
      ];
      for (const [filter, field] of mistakes) {
        await expect(audit.list(filter, { first: 10 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: `filter.${field}` });
        let refused: unknown = null;
        try {
          audit.exportStream('csv', filter);
        } catch (error) {
          refused = error;
        }
        expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
    });
  });

  it('verifies and exports across batch boundaries', async () => {
    // 1,200 events in one transaction: more than one export batch (1,000), all chained.
    await dataSource.transaction(async (manager) => {
      for (let i = 0; i < 1200; i++) await audit.append(manager, { action: 'policy_version.update', targetType: 'policy_version', targetId: `b-${i}` });
    });
    const total = await count();
    await expect(audit.verify()).resolves.toEqual(whole(total));
    const lines = (await collect(audit.exportStream('jsonl', {}))).trimEnd().split('\n');
    expect(lines).toHaveLength(total);
    expect(new Set(lines.map((line) => JSON.parse(line).id)).size).toBe(total);
  });
});
