import type { Clock } from '@policy-cms/temporal';
import type { DemoUsername, GqlResult, TestApp } from './test-app';
import { dataOf } from './policy-api';

/** Every field of PolicyVersionDetail a client can ask for, except the history. */
export const DETAIL_FIELDS = `
  id policyKey policyKind number status effectiveFrom effectiveThrough content summary demo revision createdBy authorIds
  approvedBy approvedAt approvedHash retroactive retroactiveReason publishedAt withdrawnAt createdAt updatedAt`;

export interface Detail {
  id: string;
  policyKey: string;
  policyKind: string;
  number: number;
  status: string;
  effectiveFrom: string;
  effectiveThrough: string | null;
  content: Record<string, any>;
  summary: string;
  demo: boolean;
  revision: number;
  createdBy: string | null;
  authorIds: string[];
  approvedBy: string | null;
  approvedAt: string | null;
  approvedHash: string | null;
  retroactive: boolean;
  retroactiveReason: string | null;
  publishedAt: string | null;
  withdrawnAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * A clock that starts at `start` and runs at the speed of the real one: dates stay stable (the day is known), while
 * every write still gets a later record instant than the one before it, as in production.
 */
export function tickingClock(start: string): Clock {
  const offset = new Date(start).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/** The staff mutations of API.md, as one-liners over `t.gql`. */
export function workflow(t: TestApp) {
  const mutation = (name: string, args: string, vars: string) =>
    (variables: Record<string, unknown>, as?: DemoUsername): Promise<GqlResult> =>
      t.gql(`mutation(${args}) { ${name}(${vars}) { ${DETAIL_FIELDS} } }`, variables, { as });
  return {
    create: (input: Record<string, unknown>, as?: DemoUsername) =>
      mutation('createPolicyVersion', '$input: CreatePolicyVersionInput!', 'input: $input')({ input }, as),
    update: (input: Record<string, unknown>, as?: DemoUsername) =>
      mutation('updatePolicyVersion', '$input: UpdatePolicyVersionInput!', 'input: $input')({ input }, as),
    submit: (id: string, as?: DemoUsername) => mutation('submitPolicyVersion', '$id: ID!', 'id: $id')({ id }, as),
    approve: (id: string, as?: DemoUsername) => mutation('approvePolicyVersion', '$id: ID!', 'id: $id')({ id }, as),
    reject: (id: string, reason: string, as?: DemoUsername) =>
      mutation('rejectPolicyVersion', '$id: ID!, $reason: String!', 'id: $id, reason: $reason')({ id, reason }, as),
    publish: (id: string, as?: DemoUsername, reason?: string) =>
      mutation('publishPolicyVersion', '$id: ID!, $reason: String', 'id: $id, reason: $reason')({ id, reason }, as),
    withdraw: (id: string, reason: string, as?: DemoUsername) =>
      mutation('withdrawPolicyVersion', '$id: ID!, $reason: String!', 'id: $id, reason: $reason')({ id, reason }, as),
    /** The version as staff see it, read back through the API. */
    detail: async (id: string, as: DemoUsername = 'auditor'): Promise<Detail & { history: { action: string; actorName: string; reason: string | null }[] }> =>
      dataOf(await t.gql(`query($id: ID!) { policyVersion(id: $id) { ${DETAIL_FIELDS} history { action actorName reason } } }`, { id }, { as }))
        .policyVersion,
  };
}

/** Row counts of every table a staff operation may write. */
export interface TableCounts {
  policy_version: number;
  ledger_segment: number;
  audit_event: number;
  user_account: number;
}

export async function tableCounts(sql: TestApp['sql']): Promise<TableCounts> {
  const [row] = await sql<TableCounts>(`
    SELECT (SELECT count(*) FROM policy_version)::int AS policy_version,
           (SELECT count(*) FROM ledger_segment)::int AS ledger_segment,
           (SELECT count(*) FROM audit_event)::int AS audit_event,
           (SELECT count(*) FROM user_account)::int AS user_account`);
  return row;
}

/**
 * A fingerprint of every row those tables hold (not only how many): a refused call that updated a row in place
 * would change it.
 */
export async function tableFingerprint(sql: TestApp['sql']): Promise<Record<string, string>> {
  const [row] = await sql<Record<string, string>>(`
    SELECT (SELECT md5(coalesce(string_agg(to_jsonb(v)::text, '|' ORDER BY id), '')) FROM policy_version v) AS policy_version,
           (SELECT md5(coalesce(string_agg(to_jsonb(s)::text, '|' ORDER BY id), '')) FROM ledger_segment s) AS ledger_segment,
           (SELECT md5(coalesce(string_agg(to_jsonb(e)::text, '|' ORDER BY id), '')) FROM audit_event e) AS audit_event,
           (SELECT md5(coalesce(string_agg(to_jsonb(u)::text, '|' ORDER BY id), '')) FROM user_account u) AS user_account`);
  return row;
}

/** The audit events written after the event with id `afterId` (exclusive), oldest first. */
export async function auditEventsAfter(sql: TestApp['sql'], afterId: string | number) {
  return sql<{ id: string; action: string; actor_id: string | null; actor_name: string | null; target_type: string | null; target_id: string | null; before: any; after: any; reason: string | null; client_address: string | null }>(
    `SELECT id, action, actor_id, actor_name, target_type, target_id, before, after, reason, client_address FROM audit_event WHERE id > $1 ORDER BY id`,
    [afterId],
  );
}

export async function lastAuditId(sql: TestApp['sql']): Promise<string> {
  const [{ id }] = await sql(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`);
  return id;
}
