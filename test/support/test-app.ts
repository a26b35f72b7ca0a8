import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Client } from 'pg';
import type { Clock } from '@policy-cms/temporal';
import { createApp } from '../../apps/api/src/app.factory';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { currentDatabase } from './current-database';
import { IdentityService } from '@policy-cms/identity';
import { DEMO_USERS } from '../../apps/api/src/demo-data.bootstrap';
import { DEFAULT_DEMO_PASSWORD } from '../../apps/api/src/config/app-config';

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; path?: string[]; extensions: { code: string; field?: string; [key: string]: unknown } }[] | undefined;
}

export interface GqlOptions {
  /** Bearer token to send (staff operations). */
  token?: string;
  /** Send the request as this demo user (admin, editor, editor2, approver, approver2, auditor), logged in once. */
  as?: DemoUsername;
}

export type DemoUsername = (typeof DEMO_USERS)[number]['username'];

export interface TestApp {
  app: INestApplication;
  /** Sends a GraphQL request through supertest and returns the parsed answer. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: GqlOptions): Promise<GqlResult<T>>;
  /** Runs SQL on this file's database, as the superuser, to check rows behind the API's back. */
  sql<R = Record<string, any>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Creates the demo staff (password DEMO_PASSWORD's default) when the app was started without demo data. */
  ensureDemoUsers(): Promise<void>;
  /** The id of a demo user. */
  userId(username: DemoUsername): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(options: { clock?: Clock; demoData?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = currentDatabase();
  const config = loadConfig({
    DATABASE_URL: database.appUrl,
    DEMO_DATA: options.demoData ? '1' : '0',
    LOG_LEVEL: 'silent',
    // Every request of a suite comes from one address: the per-address limit is tested on its own (test/security).
    RATE_LIMIT_PER_MINUTE: '0',
    ...(process.env.POLICY_CMS_TEST_ADMIN_DIR ? { ADMIN_DIR: process.env.POLICY_CMS_TEST_ADMIN_DIR } : {}),
    ...options.env,
  });
  // The API runs as the runtime role; sql() below stays superuser.
  const app = await createApp({ config, databaseUrl: database.appUrl, clock: options.clock });
  const client = new Client({ connectionString: database.url });
  await client.connect();
  const tokens = new Map<string, string>();
  const tokenOf = async (username: DemoUsername) => {
    if (!tokens.has(username)) {
      const response = await request(app.getHttpServer())
        .post('/graphql')
        .send({ query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', variables: { u: username, p: DEFAULT_DEMO_PASSWORD } });
      const token = response.body?.data?.login?.token;
      if (!token) throw new Error(`could not log in as ${username}: ${JSON.stringify(response.body)}`);
      tokens.set(username, token);
    }
    return tokens.get(username)!;
  };

  return {
    app,
    async gql(query, variables, gqlOptions = {}) {
      let call = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
      const token = gqlOptions.as ? await tokenOf(gqlOptions.as) : gqlOptions.token;
      if (token) call = call.set('authorization', `Bearer ${token}`);
      const response = await call.send({ query, variables });
      return { status: response.status, data: response.body?.data, errors: response.body?.errors };
    },
    async sql(text, params) {
      return (await client.query(text, params)).rows;
    },
    async ensureDemoUsers() {
      await app.get(IdentityService).ensureUsers(DEMO_USERS.map((user) => ({ ...user, password: DEFAULT_DEMO_PASSWORD })));
    },
    async userId(username) {
      const [row] = (await client.query('SELECT id FROM user_account WHERE username = $1', [username])).rows;
      return row.id;
    },
    async close() {
      await client.end();
      await app.close();
    },
  };
}
