import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Client } from 'pg';
import type { Clock } from '@policy-cms/temporal';
import { createApp } from '../../apps/api/src/app.factory';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { currentDatabase } from './current-database';

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; path?: string[]; extensions: { code: string; field?: string; [key: string]: unknown } }[] | undefined;
}

export interface GqlOptions {
  /** Bearer token to send (staff operations). */
  token?: string;
}

export interface TestApp {
  app: INestApplication;
  /** Sends a GraphQL request through supertest and returns the parsed answer. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: GqlOptions): Promise<GqlResult<T>>;
  /** Runs SQL on this file's database, as the superuser, to check rows behind the API's back. */
  sql<R = Record<string, any>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export async function startTestApp(options: { clock?: Clock; demoData?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = currentDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    DEMO_DATA: options.demoData ? '1' : '0',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = await createApp({ config, databaseUrl: database.url, clock: options.clock });
  const client = new Client({ connectionString: database.url });
  await client.connect();

  return {
    app,
    async gql(query, variables, gqlOptions = {}) {
      let call = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
      if (gqlOptions.token) call = call.set('authorization', `Bearer ${gqlOptions.token}`);
      const response = await call.send({ query, variables });
      return { status: response.status, data: response.body?.data, errors: response.body?.errors };
    },
    async sql(text, params) {
      return (await client.query(text, params)).rows;
    },
    async close() {
      await client.end();
      await app.close();
    },
  };
}
