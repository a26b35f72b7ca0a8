import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { TestApp, startTestApp } from './support/test-app';

const committed = join(__dirname, '../apps/api/schema.gql');
const HEADER = '# The public GraphQL contract, generated from the code: `npm run schema` rewrites it. Do not edit.\n\n';

/** The committed schema.gql shows every change of the contract in review; it must match the code. */
describe('schema.gql', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp()));
  afterAll(() => api.close());

  it('is the schema the API serves', () => {
    const served = HEADER + printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(committed, served);
    expect(existsSync(committed) ? readFileSync(committed, 'utf8') : '(missing: run npm run schema)').toBe(served);
  });
});
