import { DataSource } from 'typeorm';
import { DomainError } from '@policy-cms/common';
import { LedgerService } from '@policy-cms/policy';
import { fixedClock } from '@policy-cms/temporal';
import { startTestApp, type TestApp } from './support/test-app';
import { VERSION_FIELDS, type Version, dataOf, overlappingLedgerRows, policyInForce, policyTimeline } from './support/policy-api';

/**
 * The bitemporal ledger behind the public reads: painter's order, retroactive corrections, withdrawals, the
 * append-only rows and what PostgreSQL itself refuses. Each case works on its own policy, created with SQL; record
 * instants are given explicitly, all before the clock's now, so that every write and every knownAt is deterministic.
 */
const NOW = '2025-12-01T00:00:00Z';

interface LedgerRow {
  id: string;
  versionId: string;
  effective: string;
  lower: Date;
  upper: Date | null;
}

describe('the ledger', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let dataSource: DataSource;
  let policies = 0;

  beforeAll(async () => {
    t = await startTestApp({ clock: fixedClock(NOW) });
    ledger = t.app.get(LedgerService);
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  async function newPolicy(): Promise<{ id: string; key: string }> {
    const key = `test.ledger-${++policies}`;
    const [{ id }] = await t.sql(`INSERT INTO policy (key, kind, title, section) VALUES ($1, 'notice', 'テスト', 'テスト') RETURNING id`, [key]);
    return { id, key };
  }

  /** An approved version, ready to publish; `through` is the last day in force (inclusive), null = open-ended. */
  async function newVersion(policyId: string, number: number, from: string, through: string | null): Promise<string> {
    const [{ id }] = await t.sql(
      `INSERT INTO policy_version (policy_id, number, status, effective, content, summary)
       VALUES ($1, $2, 'APPROVED', daterange($3::date, $4::date, '[]'), $5, $6) RETURNING id`,
      [policyId, number, from, through, { title: `第${number}版`, body: `テスト用の版 ${number}` }, `第${number}版(出典: テスト)`],
    );
    return id;
  }

  const publish = (versionIds: string[], recordedAt?: string) =>
    dataSource.transaction((manager) => ledger.publish(manager, versionIds, recordedAt ? { recordedAt: new Date(recordedAt) } : {}));
  const withdraw = (versionId: string, recordedAt: string) =>
    dataSource.transaction((manager) => ledger.withdraw(manager, versionId, { recordedAt: new Date(recordedAt) }));

  const inForce = (key: string, on?: string, knownAt?: string) => policyInForce(t, key, on, knownAt);
  const timeline = (key: string, knownAt?: string) => policyTimeline(t, key, knownAt);
  const segments = (versions: Version[]) => versions.map((v) => [v.id, v.effectiveFrom, v.effectiveThrough]);

  const ledgerRows = (policyId: string): Promise<LedgerRow[]> =>
    t.sql<LedgerRow>(
      `SELECT id, version_id AS "versionId", effective::text AS effective, lower(recorded) AS lower, upper(recorded) AS upper
         FROM ledger_segment WHERE policy_id = $1 ORDER BY id`,
      [policyId],
    );
  const versionRow = async (versionId: string) =>
    (await t.sql(`SELECT to_jsonb(v) AS row FROM policy_version v WHERE id = $1`, [versionId]))[0].row;
  const versionRows = async (versionIds: string[]) =>
    (await t.sql(`SELECT to_jsonb(v) AS row FROM policy_version v WHERE id = ANY($1::uuid[]) ORDER BY number`, [versionIds])).map((r) => r.row);

  it('ends v1 on 2025-08-31 when v2 is published from 2025-09-01, without editing v1', async () => {
    const policy = await newPolicy();
    const v1 = await newVersion(policy.id, 1, '2025-03-24', null);
    await publish([v1], '2025-03-01T00:00:00Z');
    const v1Before = await versionRow(v1);

    const v2 = await newVersion(policy.id, 2, '2025-09-01', null);
    await publish([v2], '2025-08-01T00:00:00Z');

    expect(await versionRow(v1)).toEqual(v1Before);
    const now = await timeline(policy.key);
    expect(segments(now)).toEqual([
      [v1, '2025-03-24', '2025-08-31'],
      [v2, '2025-09-01', null],
    ]);
    expect(now[0]).toMatchObject({ versionEffectiveFrom: '2025-03-24', versionEffectiveThrough: null });
    expect(await inForce(policy.key, '2025-08-31')).toMatchObject({ id: v1, effectiveThrough: '2025-08-31' });
    expect(await inForce(policy.key, '2025-09-01')).toMatchObject({ id: v2, effectiveFrom: '2025-09-01' });
    expect(await inForce(policy.key, '2025-03-23')).toBeNull();
  });

  it('lets a retroactive correction change the answers for now, while answers for an earlier knownAt stay exactly the same', async () => {
    const policy = await newPolicy();
    const v1 = await newVersion(policy.id, 1, '2025-01-01', null);
    await publish([v1], '2025-02-01T00:00:00Z');

    const days = ['2025-01-01', '2025-03-31', '2025-04-01', '2025-05-15', '2025-06-30', '2025-07-01', '2025-11-30'];
    const answersAt = async (knownAt: string) =>
      JSON.stringify({
        inForce: await Promise.all(days.map((day) => inForce(policy.key, day, knownAt))),
        timeline: await timeline(policy.key, knownAt),
        rules: dataOf(await t.gql(`query($k: DateTime) { rulesInForce(on: "2025-05-15", knownAt: $k) { ${VERSION_FIELDS} } }`, { k: knownAt }))
          .rulesInForce,
      });
    const earlier = '2025-05-01T00:00:00Z';
    const justBefore = '2025-08-31T23:59:59.999Z';
    const [earlierBefore, justBeforeBefore] = [await answersAt(earlier), await answersAt(justBefore)];
    expect(JSON.parse(earlierBefore).inForce[3]).toMatchObject({ id: v1 });

    // Recorded on 2025-09-01 about days already past: April to June 2025.
    const v2 = await newVersion(policy.id, 2, '2025-04-01', '2025-06-30');
    await publish([v2], '2025-09-01T00:00:00Z');

    expect(await answersAt(earlier)).toBe(earlierBefore);
    expect(await answersAt(justBefore)).toBe(justBeforeBefore);
    expect(segments(await timeline(policy.key))).toEqual([
      [v1, '2025-01-01', '2025-03-31'],
      [v2, '2025-04-01', '2025-06-30'],
      [v1, '2025-07-01', null],
    ]);
    expect((await inForce(policy.key, '2025-05-15'))!.id).toBe(v2);
    expect((await inForce(policy.key, '2025-05-15', '2025-09-01T00:00:00Z'))!.id).toBe(v2);
    expect((await inForce(policy.key, '2025-05-15', justBefore))!.id).toBe(v1);
  });

  it('gives the days of a withdrawn version back to the version under it, while old knownAt answers still show it', async () => {
    const policy = await newPolicy();
    const v1 = await newVersion(policy.id, 1, '2025-03-24', null);
    await publish([v1], '2025-03-01T00:00:00Z');
    const v2 = await newVersion(policy.id, 2, '2025-09-01', null);
    await publish([v2], '2025-08-01T00:00:00Z');
    const whileV2 = '2025-08-15T00:00:00Z';
    const answerWhileV2 = JSON.stringify(await inForce(policy.key, '2025-10-01', whileV2));
    const timelineWhileV2 = JSON.stringify(await timeline(policy.key, whileV2));

    await withdraw(v2, '2025-10-01T00:00:00Z');

    expect(segments(await timeline(policy.key))).toEqual([[v1, '2025-03-24', null]]);
    expect(await inForce(policy.key, '2025-10-01')).toMatchObject({ id: v1, effectiveFrom: '2025-03-24', effectiveThrough: null });
    expect(JSON.stringify(await inForce(policy.key, '2025-10-01', whileV2))).toBe(answerWhileV2);
    expect(JSON.stringify(await timeline(policy.key, whileV2))).toBe(timelineWhileV2);
    expect(JSON.parse(answerWhileV2)).toMatchObject({ id: v2 });
    expect(await versionRow(v2)).toMatchObject({ status: 'WITHDRAWN' });
  });

  it('refuses, as CONFLICT, to publish a version twice, to withdraw one twice, or to withdraw one never published', async () => {
    const policy = await newPolicy();
    const v1 = await newVersion(policy.id, 1, '2025-03-24', null);
    await publish([v1], '2025-03-01T00:00:00Z');
    const v2 = await newVersion(policy.id, 2, '2025-09-01', null);
    await publish([v2], '2025-08-01T00:00:00Z');
    await withdraw(v2, '2025-09-01T00:00:00Z');
    const v3 = await newVersion(policy.id, 3, '2025-11-01', null);
    const rowsBefore = await ledgerRows(policy.id);
    const versionsBefore = await versionRows([v1, v2, v3]);

    await expect(publish([v1], '2025-10-01T00:00:00Z')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(publish([v2], '2025-10-02T00:00:00Z')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(withdraw(v2, '2025-10-03T00:00:00Z')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(withdraw(v3, '2025-10-04T00:00:00Z')).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await ledgerRows(policy.id)).toEqual(rowsBefore);
    expect(await versionRows([v1, v2, v3])).toEqual(versionsBefore);
  });

  it('only appends: closed rows keep their record start and end at the write instant, new rows start there, none is deleted', async () => {
    const policy = await newPolicy();
    const v1 = await newVersion(policy.id, 1, '2025-03-24', null);
    const v2 = await newVersion(policy.id, 2, '2025-09-01', null);
    const v3 = await newVersion(policy.id, 3, '2025-05-01', '2025-05-31');
    const writes: [string, () => Promise<unknown>][] = [
      ['2025-03-01T00:00:00Z', () => publish([v1], '2025-03-01T00:00:00Z')],
      ['2025-08-01T00:00:00Z', () => publish([v2], '2025-08-01T00:00:00Z')],
      ['2025-08-15T12:34:56.789Z', () => publish([v3], '2025-08-15T12:34:56.789Z')],
      ['2025-10-01T00:00:00Z', () => withdraw(v2, '2025-10-01T00:00:00Z')],
    ];
    let before: LedgerRow[] = [];
    for (const [at, write] of writes) {
      await write();
      const after = await ledgerRows(policy.id);
      expect(after.length).toBeGreaterThan(before.length);
      for (const row of before) {
        const kept = after.find((r) => r.id === row.id);
        expect(kept).toBeDefined();
        expect({ ...kept!, upper: null }).toEqual({ ...row, upper: null });
        if (row.upper === null) {
          if (kept!.upper !== null) expect(kept!.upper.toISOString()).toBe(new Date(at).toISOString());
        } else {
          expect(kept!.upper).toEqual(row.upper);
        }
      }
      const inserted = after.filter((r) => !before.some((b) => b.id === r.id));
      expect(inserted.length).toBeGreaterThan(0);
      for (const row of inserted) {
        expect(row.lower.toISOString()).toBe(new Date(at).toISOString());
        expect(row.upper).toBeNull();
      }
      if (before.length > 0) expect(after.filter((r) => r.upper?.toISOString() === new Date(at).toISOString()).length).toBeGreaterThan(0);
      before = after;
    }
    // The rows still open are exactly the current timeline.
    const open = before.filter((r) => r.upper === null).map((r) => [r.versionId, r.effective]);
    expect(open.sort()).toEqual(
      [
        [v1, '[2025-03-24,2025-05-01)'],
        [v3, '[2025-05-01,2025-06-01)'],
        [v1, '[2025-06-01,)'],
      ].sort(),
    );
    expect(await overlappingLedgerRows(t.sql)).toEqual([]);
  });

  describe('what PostgreSQL itself refuses', () => {
    let policy: { id: string; key: string };
    let v1: string;
    let rowId: string;
    let rowsBefore: LedgerRow[];

    beforeAll(async () => {
      policy = await newPolicy();
      v1 = await newVersion(policy.id, 1, '2025-03-24', null);
      await publish([v1], '2025-03-01T00:00:00Z');
      const v2 = await newVersion(policy.id, 2, '2025-09-01', null);
      await publish([v2], '2025-08-01T00:00:00Z');
      rowsBefore = await ledgerRows(policy.id);
      rowId = rowsBefore.find((r) => r.upper === null)!.id;
    });

    afterEach(async () => {
      expect(await ledgerRows(policy.id)).toEqual(rowsBefore);
    });

    it('refuses to change the effective days of a ledger row', async () => {
      await expect(t.sql(`UPDATE ledger_segment SET effective = '[2025-01-01,)' WHERE id = $1`, [rowId])).rejects.toMatchObject({
        code: '23001',
        message: expect.stringContaining('append-only'),
      });
    });

    it('refuses to move the record start of a row, or to reopen a closed one', async () => {
      await expect(
        t.sql(`UPDATE ledger_segment SET recorded = tstzrange(lower(recorded) - interval '1 day', NULL) WHERE id = $1`, [rowId]),
      ).rejects.toMatchObject({ code: '23001' });
      const closed = rowsBefore.find((r) => r.upper !== null)!.id;
      await expect(t.sql(`UPDATE ledger_segment SET recorded = tstzrange(lower(recorded), NULL) WHERE id = $1`, [closed])).rejects.toMatchObject({
        code: '23001',
      });
    });

    it('refuses DELETE and TRUNCATE of the ledger', async () => {
      await expect(t.sql(`DELETE FROM ledger_segment WHERE id = $1`, [rowId])).rejects.toMatchObject({ code: '23001' });
      await expect(t.sql(`DELETE FROM ledger_segment`)).rejects.toMatchObject({ code: '23001' });
      await expect(t.sql(`TRUNCATE ledger_segment`)).rejects.toMatchObject({ code: '23001' });
    });

    it('refuses a row overlapping another of the same policy in both effective and record time', async () => {
      await expect(
        t.sql(`INSERT INTO ledger_segment (policy_id, version_id, effective, recorded) VALUES ($1, $2, '[2025-04-01,2025-05-01)', tstzrange(now(), NULL))`, [
          policy.id,
          v1,
        ]),
      ).rejects.toMatchObject({ code: '23P01' });
    });

    it('refuses to change a published version’s content, range or summary, or to delete it', async () => {
      const before = await versionRow(v1);
      await expect(t.sql(`UPDATE policy_version SET content = '{"title":"改ざん","body":"改ざん"}' WHERE id = $1`, [v1])).rejects.toMatchObject({
        code: '23001',
      });
      await expect(t.sql(`UPDATE policy_version SET effective = '[2025-01-01,)' WHERE id = $1`, [v1])).rejects.toMatchObject({ code: '23001' });
      await expect(t.sql(`UPDATE policy_version SET summary = '改ざん' WHERE id = $1`, [v1])).rejects.toMatchObject({ code: '23001' });
      await expect(t.sql(`UPDATE policy_version SET status = 'APPROVED' WHERE id = $1`, [v1])).rejects.toMatchObject({ code: '23001' });
      await expect(t.sql(`DELETE FROM policy_version WHERE id = $1`, [v1])).rejects.toMatchObject({ code: '23001' });
      expect(await versionRow(v1)).toEqual(before);
    });
  });

  describe('concurrent and out-of-order writes', () => {
    it('lets one of two concurrent overlapping publishes through and refuses the other with CONFLICT, leaving no overlap', async () => {
      const policy = await newPolicy();
      const v1 = await newVersion(policy.id, 1, '2025-03-24', null);
      await publish([v1], '2025-03-01T00:00:00Z');
      const v2 = await newVersion(policy.id, 2, '2025-06-01', null);
      const v3 = await newVersion(policy.id, 3, '2025-07-01', '2025-12-31');
      const rowsBefore = await ledgerRows(policy.id);

      // The first publish takes the policy's lock and keeps its transaction open until the second has tried.
      let lockTaken!: () => void;
      let release!: () => void;
      const taken = new Promise<void>((resolve) => (lockTaken = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      const first = dataSource.transaction(async (manager) => {
        const change = await ledger.publish(manager, [v2], { recordedAt: new Date('2025-08-01T00:00:00Z') });
        lockTaken();
        await released;
        return change;
      });
      await taken;
      const second = publish([v3], '2025-08-02T00:00:00Z');
      // A writer that waited for the lock instead of refusing would still be pending here; then it runs after the first.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([second.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      release();
      const [firstResult, secondResult] = await Promise.allSettled([first, second]);

      expect(firstResult.status).toBe('fulfilled');
      expect(secondResult.status).toBe('rejected');
      const error = (secondResult as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'CONFLICT' });

      expect(await overlappingLedgerRows(t.sql)).toEqual([]);
      expect(await versionRow(v3)).toMatchObject({ status: 'APPROVED', publication_seq: null, published_at: null });
      expect((await ledgerRows(policy.id)).some((r) => r.versionId === v3)).toBe(false);
      expect((await ledgerRows(policy.id)).length).toBeGreaterThan(rowsBefore.length);
      expect(segments(await timeline(policy.key))).toEqual([
        [v1, '2025-03-24', '2025-05-31'],
        [v2, '2025-06-01', null],
      ]);
    });

    it('refuses one of two publishes racing at the same instant, whichever order they reach the database in', async () => {
      const policy = await newPolicy();
      const v1 = await newVersion(policy.id, 1, '2025-03-24', null);
      await publish([v1], '2025-03-01T00:00:00Z');
      const v2 = await newVersion(policy.id, 2, '2025-06-01', null);
      const v3 = await newVersion(policy.id, 3, '2025-07-01', '2025-12-31');

      // Both at the clock's now: one takes the lock first; the other is refused by the lock or by the record time.
      const results = await Promise.allSettled([publish([v2]), publish([v3])]);

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect(refused[0].reason).toBeInstanceOf(DomainError);
      expect(refused[0].reason).toMatchObject({ code: 'CONFLICT' });
      expect(await overlappingLedgerRows(t.sql)).toEqual([]);
      const statuses = (await t.sql(`SELECT status FROM policy_version WHERE id = ANY($1::uuid[]) ORDER BY status`, [[v2, v3]])).map(
        (r) => r.status,
      );
      expect(statuses).toEqual(['APPROVED', 'PUBLISHED']);
    });

    it('refuses, as CONFLICT, a publish recorded at or before the policy’s last record time, and writes nothing', async () => {
      const policy = await newPolicy();
      const v1 = await newVersion(policy.id, 1, '2025-03-24', null);
      await publish([v1], '2025-03-01T00:00:00Z');
      const v2 = await newVersion(policy.id, 2, '2025-09-01', null);
      await publish([v2], '2025-08-01T00:00:00Z');
      const v3 = await newVersion(policy.id, 3, '2025-10-01', null);
      const rowsBefore = await ledgerRows(policy.id);
      const v3Before = await versionRow(v3);
      const timelineBefore = JSON.stringify(await timeline(policy.key));

      for (const recordedAt of ['2025-07-31T23:59:59Z', '2025-08-01T00:00:00Z']) {
        await expect(publish([v3], recordedAt)).rejects.toMatchObject({ code: 'CONFLICT' });
      }
      await expect(withdraw(v2, '2025-05-01T00:00:00Z')).rejects.toMatchObject({ code: 'CONFLICT' });

      expect(await ledgerRows(policy.id)).toEqual(rowsBefore);
      expect(await versionRow(v3)).toEqual(v3Before);
      expect(await versionRow(v2)).toMatchObject({ status: 'PUBLISHED' });
      expect(JSON.stringify(await timeline(policy.key))).toBe(timelineBefore);
    });
  });
});
