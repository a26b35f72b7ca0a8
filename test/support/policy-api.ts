import { fixedClock, type Clock } from '@policy-cms/temporal';
import type { GqlResult, TestApp } from './test-app';

/** Every field of PolicyVersion, so that comparisons of whole answers cover everything a client can see. */
export const VERSION_FIELDS = `
  id policyKey number status effectiveFrom effectiveThrough versionEffectiveFrom versionEffectiveThrough
  content summary demo recordedAt supersededAt`;

/** A PolicyVersion as the API answers it. */
export interface Version {
  id: string;
  policyKey: string;
  number: number;
  status: string;
  effectiveFrom: string;
  effectiveThrough: string | null;
  versionEffectiveFrom: string;
  versionEffectiveThrough: string | null;
  content: Record<string, any>;
  summary: string;
  demo: boolean;
  recordedAt: string | null;
  supersededAt: string | null;
}

/** The data of an answer that must have succeeded; fails with the errors themselves when it did not. */
export function dataOf<T = Record<string, any>>(result: GqlResult<T>): T {
  if (result.errors?.length || !result.data) {
    throw new Error(`expected an answer, got HTTP ${result.status}: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

/** The only error of an answer that must have failed. */
export function errorOf(result: GqlResult): NonNullable<GqlResult['errors']>[number] {
  expect(result.errors).toHaveLength(1);
  return result.errors![0];
}

export interface RowCounts {
  policy: number;
  policy_version: number;
  ledger_segment: number;
}

/** How many rows the tables behind the public record hold. */
export async function rowCounts(sql: TestApp['sql']): Promise<RowCounts> {
  const [row] = await sql<RowCounts>(`
    SELECT (SELECT count(*) FROM policy)::int AS policy,
           (SELECT count(*) FROM policy_version)::int AS policy_version,
           (SELECT count(*) FROM ledger_segment)::int AS ledger_segment`);
  return row;
}

/** Pairs of ledger rows of one policy that overlap in both effective and record time (there must be none). */
export async function overlappingLedgerRows(sql: TestApp['sql']): Promise<unknown[]> {
  return sql(`
    SELECT a.id AS a, b.id AS b
      FROM ledger_segment a
      JOIN ledger_segment b ON a.policy_id = b.policy_id AND a.id < b.id
     WHERE a.effective && b.effective AND a.recorded && b.recorded`);
}

/** A clock the test moves between requests, so that one app per file can stand at several instants. */
export interface SettableClock extends Clock {
  set(instant: string): void;
}

export function settableClock(initial: string): SettableClock {
  let current = fixedClock(initial);
  return {
    now: () => current.now(),
    set(instant: string) {
      current = fixedClock(instant);
    },
  };
}

/** policyInForce through GraphQL, with the common version fields. */
export async function policyInForce(t: Pick<TestApp, 'gql'>, key: string, on?: string, knownAt?: string): Promise<Version | null> {
  return dataOf(
    await t.gql(`query($key: ID!, $on: Date, $knownAt: DateTime) { policyInForce(key: $key, on: $on, knownAt: $knownAt) { ${VERSION_FIELDS} } }`, {
      key,
      on,
      knownAt,
    }),
  ).policyInForce;
}

/** policyTimeline through GraphQL, with the common version fields. */
export async function policyTimeline(t: Pick<TestApp, 'gql'>, key: string, knownAt?: string): Promise<Version[]> {
  return dataOf(await t.gql(`query($key: ID!, $knownAt: DateTime) { policyTimeline(key: $key, knownAt: $knownAt) { ${VERSION_FIELDS} } }`, { key, knownAt }))
    .policyTimeline;
}
