import { createHash, generateKeyPairSync } from 'node:crypto';
import { eventHash, loadAuditSigner, type HashedFields } from '@policy-cms/audit';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { startTestApp, type TestApp } from '../support/test-app';
import { dataOf } from '../support/policy-api';
import { tickingClock, workflow } from '../support/workflow-api';

/**
 * Tampering by someone with the database superuser's keys, triggers disabled: each edit of what the public reads
 * (published versions, the ledger) or of the trail itself (tail truncation, a rewrite re-chained to the head) is
 * found by verifyAuditTrail and named. The cases run in order on one story; each puts the database back as it was.
 */
describe('tamper evidence', () => {
  let t: TestApp;
  let flow: ReturnType<typeof workflow>;
  let published: string;
  let withdrawn: string;

  const VERIFY = `query($since: AuditCheckpointInput) {
    verifyAuditTrail(since: $since) {
      ok checked firstBrokenId problemCount ledgerRowsChecked versionsChecked extendsCheckpoint
      problems { code message eventId ledgerRowId versionId }
    }
  }`;
  const verifyTrail = async (since?: unknown) => dataOf(await t.gql(VERIFY, { since: since ?? null }, { as: 'auditor' })).verifyAuditTrail;
  const checkpoint = async () =>
    dataOf(await t.gql(`{ auditCheckpoint { lastId headHash at keyId signature } }`, {}, { as: 'auditor' })).auditCheckpoint;

  /** SQL as the superuser with the table's own triggers off, in one transaction, as an insider would. */
  async function behindTheBack(table: string, sql: string, params: unknown[] = []): Promise<Record<string, string>[]> {
    await t.sql('BEGIN');
    try {
      await t.sql(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
      const rows = await t.sql<Record<string, string>>(sql, params);
      await t.sql(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
      await t.sql('COMMIT');
      return rows;
    } catch (error) {
      await t.sql('ROLLBACK');
      throw error;
    }
  }

  /** Runs a case's damage, then puts it back, even when an expectation fails. */
  async function tampered(damage: () => Promise<() => Promise<void>>, check: () => Promise<void>): Promise<void> {
    const repair = await damage();
    try {
      await check();
    } finally {
      await repair();
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock: tickingClock('2026-11-27T12:00:00+09:00') });
    flow = workflow(t);
    const [base] = await t.sql(
      `SELECT v.content FROM policy_version v JOIN policy p ON p.id = v.policy_id
        WHERE p.key = 'myna.facilities' AND v.status = 'PUBLISHED' ORDER BY v.publication_seq DESC LIMIT 1`,
    );
    const story = async (effectiveFrom: string, summary: string) => {
      const id = dataOf(await flow.create({ policyKey: 'myna.facilities', effectiveFrom, content: base.content, summary }, 'editor'))
        .createPolicyVersion.id;
      dataOf(await flow.submit(id, 'editor'));
      dataOf(await flow.approve(id, 'approver'));
      dataOf(await flow.publish(id, 'approver'));
      return id as string;
    };
    published = await story('2027-04-01', '2027年4月からの窓口(出典: テスト)');
    withdrawn = await story('2027-10-01', '2027年10月からの窓口(出典: テスト)');
    dataOf(await flow.withdraw(withdrawn, '誤りのため取り下げ', 'approver'));
    // A draft at the end: the trail's last events record no ledger change.
    const draft = dataOf(await flow.create({ policyKey: 'myna.facilities', effectiveFrom: '2028-04-01', content: base.content, summary: '下書き' }, 'editor'))
      .createPolicyVersion.id;
    dataOf(await flow.submit(draft, 'editor'));
  });
  afterAll(() => t.close());

  it('the untouched trail verifies after a workflow story on the demo data, every ledger row and version accounted for', async () => {
    const [{ rows, versions }] = await t.sql(
      `SELECT (SELECT count(*) FROM ledger_segment)::int AS rows,
              (SELECT count(*) FROM policy_version WHERE status IN ('PUBLISHED', 'WITHDRAWN'))::int AS versions`,
    );
    expect(rows).toBeGreaterThan(10);
    await expect(verifyTrail()).resolves.toMatchObject({
      ok: true,
      problemCount: 0,
      problems: [],
      ledgerRowsChecked: rows,
      versionsChecked: versions,
    });
    // The publish event carries the ledger change and the content hash, inside what its hash covers.
    const [event] = await t.sql(`SELECT after FROM audit_event WHERE action = 'policy_version.publish' AND target_id = $1`, [published]);
    expect(event.after.ledger).toMatchObject({
      recordedAt: expect.any(String),
      opened: expect.arrayContaining([expect.objectContaining({ versionId: published, effectiveFrom: '2027-04-01' })]),
      versions: [{ versionId: published, status: 'PUBLISHED', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), summary: expect.any(String) }],
    });
  });

  it('a published version’s content rewritten is named, with the event that published it', async () => {
    const [event] = await t.sql(`SELECT id FROM audit_event WHERE action = 'policy_version.publish' AND target_id = $1`, [published]);
    await tampered(
      async () => {
        const [{ content }] = await t.sql(`SELECT content FROM policy_version WHERE id = $1`, [published]);
        await behindTheBack('policy_version', `UPDATE policy_version SET content = jsonb_set(content, '{rows,0,facilityTypes}', '[]') WHERE id = $1`, [published]);
        return async () => void (await behindTheBack('policy_version', `UPDATE policy_version SET content = $2 WHERE id = $1`, [published, content]));
      },
      async () => {
        const result = await verifyTrail();
        expect(result).toMatchObject({ ok: false, firstBrokenId: event.id });
        expect(result.problems).toContainEqual(expect.objectContaining({ code: 'VERSION_CONTENT_CHANGED', versionId: published, eventId: event.id }));
      },
    );
    await expect(verifyTrail()).resolves.toMatchObject({ ok: true });
  });

  it('a deleted ledger row is named, with the event that opened it', async () => {
    const [row] = await t.sql(
      `SELECT id, policy_id, version_id, effective::text AS effective, recorded::text AS recorded FROM ledger_segment
        WHERE version_id = $1 AND upper_inf(recorded)`,
      [published],
    );
    // The event whose ledger change opened this row (the withdrawal of a later version reopened it).
    const [opener] = await t.sql(
      `SELECT e.id FROM audit_event e, ledger_segment s
        WHERE s.id = $1 AND (e.after->'ledger'->>'recordedAt')::timestamptz = lower(s.recorded)`,
      [row.id],
    );
    await tampered(
      async () => {
        await behindTheBack('ledger_segment', `DELETE FROM ledger_segment WHERE id = $1`, [row.id]);
        return async () =>
          void (await behindTheBack(
            'ledger_segment',
            `INSERT INTO ledger_segment (id, policy_id, version_id, effective, recorded) OVERRIDING SYSTEM VALUE
             VALUES ($1, $2, $3, $4::daterange, $5::tstzrange)`,
            [row.id, row.policy_id, row.version_id, row.effective, row.recorded],
          ));
      },
      async () => {
        const result = await verifyTrail();
        expect(result.ok).toBe(false);
        expect(result.problems).toEqual([
          expect.objectContaining({ code: 'LEDGER_ROW_MISSING', eventId: opener.id, versionId: published, ledgerRowId: null }),
        ]);
      },
    );
    await expect(verifyTrail()).resolves.toMatchObject({ ok: true });
  });

  it('an inserted ledger row is named, as a row no event opened', async () => {
    let inserted = '';
    await tampered(
      async () => {
        // A row in the distant record past: it changes what a read "as known in 2001" answers.
        [{ id: inserted }] = await behindTheBack(
          'ledger_segment',
          `INSERT INTO ledger_segment (policy_id, version_id, effective, recorded)
           SELECT policy_id, id, '[2001-01-01,)'::daterange, tstzrange('2001-01-01T00:00:00Z', '2001-01-02T00:00:00Z', '[)')
             FROM policy_version WHERE id = $1 RETURNING id`,
          [published],
        );
        return async () => void (await behindTheBack('ledger_segment', `DELETE FROM ledger_segment WHERE id = $1`, [inserted]));
      },
      async () => {
        const result = await verifyTrail();
        expect(result.ok).toBe(false);
        expect(result.problems).toEqual([
          expect.objectContaining({ code: 'LEDGER_ROW_UNRECORDED', ledgerRowId: inserted, versionId: published, eventId: null }),
          expect.objectContaining({ code: 'LEDGER_CLOSE_UNRECORDED', ledgerRowId: inserted }),
        ]);
      },
    );
    await expect(verifyTrail()).resolves.toMatchObject({ ok: true });
  });

  it('a withdrawn version put back in force is named', async () => {
    await tampered(
      async () => {
        await behindTheBack('policy_version', `UPDATE policy_version SET status = 'PUBLISHED', withdrawn_at = NULL WHERE id = $1`, [withdrawn]);
        return async () =>
          void (await behindTheBack(
            'policy_version',
            `UPDATE policy_version SET status = 'WITHDRAWN', withdrawn_at = (SELECT (after->'ledger'->>'recordedAt')::timestamptz
               FROM audit_event WHERE action = 'policy_version.withdraw' AND target_id = $1::text) WHERE id = $1::uuid`,
            [withdrawn],
          ));
      },
      async () => {
        const result = await verifyTrail();
        expect(result.problems).toEqual([expect.objectContaining({ code: 'VERSION_STATUS_CHANGED', versionId: withdrawn })]);
      },
    );
    await expect(verifyTrail()).resolves.toMatchObject({ ok: true });
  });

  it('the tail cut off after a checkpoint is named against the checkpoint, though the shorter chain is whole', async () => {
    const saved = await checkpoint();
    await expect(verifyTrail(saved)).resolves.toMatchObject({ ok: true, extendsCheckpoint: true });
    await tampered(
      async () => {
        const removed = await behindTheBack('audit_event', `DELETE FROM audit_event WHERE id >= $1::bigint - 1 RETURNING *`, [saved.lastId]);
        expect(removed).toHaveLength(2);
        return async () => {
          for (const event of removed.sort((a, b) => Number(a.id) - Number(b.id))) {
            await behindTheBack('audit_event', `INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_record(NULL::audit_event, $1)`, [
              JSON.stringify(event),
            ]);
          }
        };
      },
      async () => {
        await expect(verifyTrail()).resolves.toMatchObject({ ok: true });
        const result = await verifyTrail(saved);
        expect(result).toMatchObject({ ok: false, extendsCheckpoint: false });
        expect(result.problems).toEqual([expect.objectContaining({ code: 'CHECKPOINT_EVENT_MISSING', eventId: saved.lastId })]);
      },
    );
    await expect(verifyTrail(saved)).resolves.toMatchObject({ ok: true, extendsCheckpoint: true });
  });

  it('an event rewritten and every later one re-chained is named against a checkpoint, though the chain is whole', async () => {
    const saved = await checkpoint();
    const [{ id: target }] = await t.sql(`SELECT id FROM audit_event WHERE action = 'policy_version.withdraw' AND target_id = $1`, [withdrawn]);
    const original = await t.sql<HashedFields & { id: string; prevHash: string | null; hash: string }>(
      `SELECT id, occurred_at AS "occurredAt", actor_id AS "actorId", actor_name AS "actorName", action, target_type AS "targetType",
              target_id AS "targetId", before, after, reason, client_address AS "clientAddress", prev_hash AS "prevHash", hash
         FROM audit_event WHERE id >= $1 ORDER BY id`,
      [target],
    );
    /** Writes the given events with their hashes recomputed in chain order from the first one's predecessor. */
    const rechain = async (events: typeof original) => {
      let prev: string | null = events[0].prevHash;
      for (const event of events) {
        const hash = eventHash(prev, event);
        await behindTheBack('audit_event', `UPDATE audit_event SET reason = $2, prev_hash = $3, hash = $4 WHERE id = $1`, [event.id, event.reason, prev, hash]);
        prev = hash;
      }
    };
    await tampered(
      async () => {
        await rechain([{ ...original[0], reason: '取り下げの理由を書き換えた' }, ...original.slice(1)]);
        return () => rechain(original);
      },
      async () => {
        await expect(verifyTrail()).resolves.toMatchObject({ ok: true });
        const result = await verifyTrail(saved);
        expect(result).toMatchObject({ ok: false, extendsCheckpoint: false });
        expect(result.problems).toEqual([expect.objectContaining({ code: 'CHECKPOINT_HEAD_MISMATCH', eventId: saved.lastId })]);
        expect(result.problems[0].message).toContain(saved.headHash);
      },
    );
    await expect(verifyTrail(saved)).resolves.toMatchObject({ ok: true, extendsCheckpoint: true });
  });

  it('a checkpoint with a forged signature proves nothing', async () => {
    const saved = await checkpoint();
    const forged = { ...saved, headHash: 'f'.repeat(64) };
    await expect(verifyTrail(forged)).resolves.toMatchObject({
      ok: false,
      extendsCheckpoint: false,
      problems: expect.arrayContaining([expect.objectContaining({ code: 'CHECKPOINT_SIGNATURE_INVALID' })]),
    });
  });

  it('only auditors and administrators may take a checkpoint', async () => {
    const answer = await t.gql(`{ auditCheckpoint { lastId } }`, {}, { as: 'editor' });
    expect(answer.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  describe('the signing key', () => {
    it('is AUDIT_SIGNING_KEY when set: the checkpoint names that key and its public half is published', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
      const other = await startTestApp({ env: { AUDIT_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64') } });
      try {
        const { data } = await other.gql(`{ auditCheckpoint { keyId } auditSigningKey { keyId publicKeyPem } }`, {}, { as: 'auditor' });
        expect(data).toEqual({ auditCheckpoint: { keyId }, auditSigningKey: { keyId, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) } });
      } finally {
        await other.close();
      }
    });

    // Not through startTestApp: Nest ends the process on a provider that fails at start (as main.ts should, exit 1).
    it('is required with DATABASE_URL in production: the API refuses to start rather than sign with a key that dies with it', () => {
      const options = (env: Record<string, string>) => {
        const config = loadConfig({ DATABASE_URL: 'postgres://127.0.0.1/policy', ...env });
        return { key: config.auditSigning.key, dataDir: config.dataDir, embedded: !config.databaseUrl, production: config.auditSigning.required };
      };
      const log = { log: () => undefined, warn: () => undefined };
      expect(() => loadAuditSigner(options({ NODE_ENV: 'production' }), log)).toThrow(/AUDIT_SIGNING_KEY is required/);
      expect(loadAuditSigner(options({ NODE_ENV: 'development' }), log).source).toBe('process');
    });
  });
});
