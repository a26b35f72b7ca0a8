import 'reflect-metadata';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Global, type INestApplication, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CLOCK, DomainErrorHttpFilter, createErrorFormatter } from '@policy-cms/common';
import { buildDataSourceOptions } from '@policy-cms/database';
import { fixedClock } from '@policy-cms/temporal';
import { AuditModule, AuditService } from '../libs/audit/src';
import { currentDatabase } from './support/current-database';

/**
 * The audit trail's GraphQL queries and HTTP export, on AuditModule alone (no auth guard: role checks are the
 * app's global guard, tested with the app). Shows the schema builds and the edges pass through what the service says.
 */
// Staff are named by their user ids (UUIDs) in the trail.
const EDITOR_ID = 'a1000000-0000-4000-8000-000000000001';
const APPROVER_ID = 'a2000000-0000-4000-8000-000000000002';

describe('the audit trail over GraphQL and HTTP', () => {
  let app: INestApplication;

  beforeAll(async () => {
    @Global()
    @Module({ providers: [{ provide: CLOCK, useValue: fixedClock('2025-04-01T09:30:00+09:00') }], exports: [CLOCK] })
    class ClockModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        ClockModule,
        TypeOrmModule.forRoot(buildDataSourceOptions({ url: currentDatabase().url, entities: [], migrations: [] })),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          formatError: createErrorFormatter({ error: () => undefined }),
        }),
        AuditModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new DomainErrorHttpFilter());
    await app.init();

    const audit = app.get(AuditService);
    await app.get(DataSource).transaction(async (manager) => {
      await audit.append(manager, { action: 'auth.login', actorId: EDITOR_ID, actorName: 'editor', clientAddress: '10.0.0.1' });
      await audit.append(manager, { action: 'policy_version.create', actorId: EDITOR_ID, targetType: 'policy_version', targetId: 'v-1', after: { summary: '記載事項変更' } });
      await audit.append(manager, { action: 'policy_version.reject', actorId: APPROVER_ID, targetType: 'policy_version', targetId: 'v-1', reason: 'needs a source, "please"' });
    });
  });
  afterAll(() => app.close());

  const gql = async (query: string, variables?: Record<string, unknown>) =>
    (await request(app.getHttpServer()).post('/graphql').send({ query, variables })).body;

  it('auditTrail pages the trail newest first, with a cursor', async () => {
    const query = `query($filter: AuditTrailFilter, $first: Int, $after: String) {
      auditTrail(filter: $filter, first: $first, after: $after) {
        totalCount nextCursor
        items { id occurredAt actorId actorName action targetType targetId before after reason clientAddress prevHash hash }
      } }`;
    const first = await gql(query, { first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data.auditTrail.totalCount).toBe(3);
    expect(first.data.auditTrail.items.map((e: { action: string }) => e.action)).toEqual(['policy_version.reject', 'policy_version.create']);
    expect(first.data.auditTrail.items[1]).toMatchObject({ occurredAt: '2025-04-01T00:30:00.000Z', after: { summary: '記載事項変更' }, before: null });

    const second = await gql(query, { first: 2, after: first.data.auditTrail.nextCursor });
    expect(second.data.auditTrail).toMatchObject({ nextCursor: null, items: [{ action: 'auth.login', prevHash: null, clientAddress: '10.0.0.1' }] });

    const filtered = await gql(query, { filter: { actorId: APPROVER_ID } });
    expect(filtered.data.auditTrail.items.map((e: { reason: string }) => e.reason)).toEqual(['needs a source, "please"']);
  });

  it('auditTrail answers BAD_USER_INPUT for a page size over 200', async () => {
    const answer = await gql(`{ auditTrail(first: 500) { totalCount } }`);
    expect(answer.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('verifyAuditTrail reports the whole chain', async () => {
    const answer = await gql(`{ verifyAuditTrail { ok checked firstBrokenId problemCount problems { code } extendsCheckpoint } }`);
    expect(answer.data.verifyAuditTrail).toEqual({ ok: true, checked: 3, firstBrokenId: null, problemCount: 0, problems: [], extendsCheckpoint: null });
  });

  const CHECKPOINT = `{ auditCheckpoint { lastId headHash at keyId signature } auditSigningKey { keyId algorithm publicKeyPem } }`;
  const VERIFY_SINCE = `query($since: AuditCheckpointInput) {
    verifyAuditTrail(since: $since) { ok extendsCheckpoint problems { code eventId message } }
  }`;

  it('auditCheckpoint signs the head of the trail; the signature checks offline with the published key alone', async () => {
    const { data } = await gql(CHECKPOINT);
    const { auditCheckpoint: checkpoint, auditSigningKey: key } = data;
    const [last] = await app.get(DataSource).query(`SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1`);
    expect(checkpoint).toMatchObject({ lastId: last.id, headHash: last.hash, at: '2025-04-01T00:30:00.000Z', keyId: key.keyId });
    expect(key.algorithm).toBe('Ed25519');

    // What an auditor does with node:crypto (or openssl), without the server.
    const text = `policy-cms audit checkpoint v1\n${JSON.stringify({ at: checkpoint.at, headHash: checkpoint.headHash, keyId: checkpoint.keyId, lastId: checkpoint.lastId })}`;
    const publicKey = createPublicKey(key.publicKeyPem);
    expect(verify(null, Buffer.from(text), publicKey, Buffer.from(checkpoint.signature, 'base64'))).toBe(true);
    expect(createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')).toBe(key.keyId);
    expect(verify(null, Buffer.from(text.replace(checkpoint.lastId, '1')), publicKey, Buffer.from(checkpoint.signature, 'base64'))).toBe(false);

    await expect(gql(VERIFY_SINCE, { since: checkpoint })).resolves.toMatchObject({ data: { verifyAuditTrail: { ok: true, extendsCheckpoint: true, problems: [] } } });
  });

  it('verifyAuditTrail(since:) refuses a checkpoint whose fields were altered, or signed by another key', async () => {
    const { data } = await gql(CHECKPOINT);
    const checkpoint = data.auditCheckpoint;
    const altered = await gql(VERIFY_SINCE, { since: { ...checkpoint, at: '2025-04-01T00:30:00.001Z' } });
    expect(altered.data.verifyAuditTrail).toMatchObject({ ok: false, extendsCheckpoint: false, problems: [{ code: 'CHECKPOINT_SIGNATURE_INVALID' }] });
    const foreign = await gql(VERIFY_SINCE, { since: { ...checkpoint, keyId: '0'.repeat(64) } });
    expect(foreign.data.verifyAuditTrail).toMatchObject({ ok: false, extendsCheckpoint: false, problems: [{ code: 'CHECKPOINT_KEY_UNKNOWN' }] });
  });

  it('GET /audit/export streams CSV as a download', async () => {
    const response = await request(app.getHttpServer()).get('/audit/export?format=csv&targetId=v-1').buffer(true);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="audit-trail-20250401T093000+0900.csv"');
    const lines = response.text.split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFid,occurred_at_asia_tokyo,.*,prev_hash,hash,actor_display_name,target_policy_title,target_version_number,target_user_name,action_name_ja,actor_kind$/);
    expect(lines).toHaveLength(4); // header, two events, and the empty string after the last CRLF
    expect(lines[2]).toContain(',"needs a source, ""please""",');
  });

  it('GET /audit/export?headers=ja names the columns in Japanese for a spreadsheet, with the same cells', async () => {
    const [en, ja] = await Promise.all(
      ['en', 'ja'].map((headers) => request(app.getHttpServer()).get(`/audit/export?format=csv&headers=${headers}&targetId=v-1`).buffer(true)),
    );
    expect(ja.status).toBe(200);
    const [enHeader, ...enRows] = en.text.split('\r\n');
    const [jaHeader, ...jaRows] = ja.text.split('\r\n');
    expect(jaHeader.startsWith('\uFEFF番号,日時(日本時間),')).toBe(true);
    expect(jaHeader).toContain(',ハッシュ,');
    expect(jaHeader.split(',')).toHaveLength(enHeader.split(',').length);
    expect(jaHeader).not.toMatch(/[a-z]_[a-z]/);
    expect(jaRows).toEqual(enRows);
  });

  it('GET /audit/export refuses a header language it does not have, or one for JSON Lines', async () => {
    for (const query of ['format=csv&headers=fr', 'format=csv&headers=', 'format=jsonl&headers=ja', 'format=csv&headers=ja&headers=en', 'format=csv&headers=ja%00', 'format=csv&headers=%ED%A0%80', `format=csv&headers=${'j'.repeat(4_000)}`]) {
      const response = await request(app.getHttpServer()).get(`/audit/export?${query}`);
      expect([query.slice(0, 40), response.status]).toEqual([query.slice(0, 40), 400]);
      expect(response.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'headers' });
    }
  });

  it('GET /audit/export streams JSON Lines', async () => {
    const response = await request(app.getHttpServer()).get('/audit/export?format=jsonl&from=2025-04-01T00:00:00Z').buffer(true);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const events = response.text.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(events.map((e) => e.action)).toEqual(['auth.login', 'policy_version.create', 'policy_version.reject']);
    expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
  });

  it('GET /audit/export refuses an unknown format or a time without an offset', async () => {
    const format = await request(app.getHttpServer()).get('/audit/export?format=xlsx');
    expect(format.status).toBe(400);
    expect(format.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'format' });
    const from = await request(app.getHttpServer()).get('/audit/export?format=csv&from=2025-04-01T00:00:00');
    expect(from.status).toBe(400);
    expect(from.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });
});
