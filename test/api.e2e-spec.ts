import request from 'supertest';
import { currentDatabase } from './support/current-database';
import { TestApp, startTestApp } from './support/test-app';
import { createDatabase, dropDatabase } from './setup/test-database';
import { createApp } from '../apps/api/src/app.factory';
import { loadConfig } from '../apps/api/src/config/app-config';

describe('the API foundation', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp({ env: { BODY_LIMIT: '10kb', GRAPHQL_MAX_COMPLEXITY: '200' } })));
  afterAll(() => api.close());

  it('answers GET /health with 200 when the database answers', async () => {
    const response = await request(api.app.getHttpServer()).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
  });

  it('answers a body over the limit with PAYLOAD_TOO_LARGE and HTTP 413', async () => {
    const response = await request(api.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: `{ policies { key } } # ${'x'.repeat(20_000)}` });
    expect(response.status).toBe(413);
    expect(response.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a query over the complexity limit with QUERY_TOO_COMPLEX and HTTP 400 before running it', async () => {
    // policies costs one query (10) and its 50-policy bound times its selection (2): 110 each, against a limit of 200.
    expect((await api.gql('{ policies { key title } }')).status).toBe(200);
    const { status, errors, data } = await api.gql('{ a: policies { key title } b: policies { key title } }');
    expect(data ?? null).toBeNull();
    expect(status).toBe(400);
    expect(errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('answers a body that is not JSON with BAD_USER_INPUT', async () => {
    const response = await request(api.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').send('{"query":');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers INTERNAL with no stack trace or SQL when the database fails under a request', async () => {
    // A read as of now confirms the ledger's state in the database first (the read model's barrier): make that fail.
    await api.sql(`ALTER TABLE ledger_watermark RENAME TO ledger_watermark_away`);
    try {
      const response = await request(api.app.getHttpServer())
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: '{ rulesInForce { id } }' });
      expect(response.body.errors[0]).toEqual({ message: 'Internal server error', path: ['rulesInForce'], extensions: { code: 'INTERNAL' } });
      expect(JSON.stringify(response.body)).not.toMatch(/SELECT|ledger_watermark|relation|stack/i);
    } finally {
      await api.sql(`ALTER TABLE ledger_watermark_away RENAME TO ledger_watermark`);
    }
  });
});

describe('GET /health without a database', () => {
  it('answers 503 once the database is gone', async () => {
    const { adminUrl, name } = currentDatabase();
    const doomed = `${name}_doomed`;
    await createDatabase(adminUrl, doomed, name.replace(/_[0-9a-f]+$/, '_template'));
    const url = new URL(currentDatabase().url);
    url.pathname = `/${doomed}`;
    const app = await createApp({
      config: loadConfig({ DATABASE_URL: url.toString(), DEMO_DATA: '0', LOG_LEVEL: 'silent' }),
      databaseUrl: url.toString(),
    });
    try {
      expect((await request(app.getHttpServer()).get('/health')).status).toBe(200);
      await dropDatabase(adminUrl, doomed);
      const response = await request(app.getHttpServer()).get('/health');
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    } finally {
      await app.close().catch(() => undefined);
    }
  });
});
