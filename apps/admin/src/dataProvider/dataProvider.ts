import { HttpError, type DataProvider, type GetListParams, type Identifier, type RaRecord } from 'react-admin';
import { AUDIT_EVENT, VERSION_DETAIL } from './fragments';
import { graphql } from './graphql-client';
import { deliveryResources, isDeliveryResource } from '../delivery/deliveryApi';
import { trailFilterOf } from '../audit/trailFilter';
import { storeSession, type StoredUser } from '../login/session';

/**
 * Resources:
 * - `policies`  (id = key): policies
 * - `versions`  (id = version id): policyVersions / policyVersion / createPolicyVersion / updatePolicyVersion
 * - `audit`     (id = event id): auditTrail (cursor pages walked from the start)
 * - `users`     (id = user id): users / createUser / setUserRoles (deactivate, reactivate, password: custom methods)
 * - `webhooks`, `webhook-deliveries`: handed to delivery/deliveryApi.ts (the secret-bearing calls bypass this provider)
 * Workflow steps, diffs, the preview and the trail's verification are custom methods below.
 */
/** A staff account as the user screens read it; `active` is false once deactivated. */
const USER_FIELDS = 'id username displayName roles active';

const SORT_FIELDS: Record<string, string> = {
  updatedAt: 'UPDATED_AT',
  createdAt: 'CREATED_AT',
  effectiveFrom: 'EFFECTIVE_FROM',
  policyKey: 'POLICY_KEY',
  status: 'STATUS',
};

function page(params: GetListParams) {
  const perPage = params.pagination?.perPage ?? 25;
  const pageNumber = params.pagination?.page ?? 1;
  return { first: perPage, offset: (pageNumber - 1) * perPage };
}

function sortInMemory<T extends Record<string, any>>(rows: T[], params: GetListParams): T[] {
  const { field, order } = params.sort ?? { field: 'id', order: 'ASC' };
  const direction = order === 'DESC' ? -1 : 1;
  return [...rows].sort((a, b) => (String(a[field] ?? '') < String(b[field] ?? '') ? -direction : String(a[field] ?? '') > String(b[field] ?? '') ? direction : 0));
}

async function auditPage(params: GetListParams) {
  const { first, offset } = page(params);
  const filter = trailFilterOf({ ...params.filter });
  // The trail refuses a `to` not after `from` (the last day before the first): said here in the reader's language.
  if (typeof filter.from === 'string' && typeof filter.to === 'string' && Date.parse(filter.to) <= Date.parse(filter.from)) {
    throw new HttpError('auditWords.filters.toBeforeFrom', 400);
  }
  let after: string | null = null;
  let skipped = 0;
  // The trail pages by cursor; react-admin by number: walk forward to the asked page (newest first).
  for (;;) {
    const { auditTrail }: { auditTrail: { items: RaRecord[]; nextCursor: string | null; totalCount: number } } = await graphql(
      `query($filter: AuditTrailFilter, $first: Int, $after: String) {
        auditTrail(filter: $filter, first: $first, after: $after) { items { ${AUDIT_EVENT} } nextCursor totalCount } }`,
      { filter, first: skipped < offset ? Math.min(200, offset - skipped) : first, after },
    );
    if (skipped >= offset || !auditTrail.nextCursor) return { data: skipped >= offset ? auditTrail.items : [], total: auditTrail.totalCount };
    skipped += auditTrail.items.length;
    after = auditTrail.nextCursor;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Result = Promise<any>;

export const dataProvider = {
  async getList(resource: string, params: GetListParams): Result {
    if (isDeliveryResource(resource)) return deliveryResources.getList(resource, params);
    if (resource === 'policies') {
      const { policies } = await graphql<{ policies: RaRecord[] }>(`{ policies { key kind title section } }`);
      const rows = policies.map((p) => ({ ...p, id: p.key as string })) as Record<string, any>[];
      const q = String(params.filter?.q ?? '').toLowerCase();
      const filtered = q ? rows.filter((p) => `${p.key} ${p.title} ${p.section}`.toLowerCase().includes(q)) : rows;
      const { first, offset } = page(params);
      return { data: sortInMemory(filtered, params).slice(offset, offset + first), total: filtered.length };
    }
    if (resource === 'versions') {
      const { first, offset } = page(params);
      const { status, policyKey, authorId } = params.filter ?? {};
      const { policyVersions } = await graphql<{ policyVersions: { items: RaRecord[]; totalCount: number } }>(
        `query($filter: PolicyVersionFilter, $first: Int, $offset: Int, $sortBy: PolicyVersionSortField, $sortDirection: SortDirection) {
          policyVersions(filter: $filter, first: $first, offset: $offset, sortBy: $sortBy, sortDirection: $sortDirection) {
            items { ${VERSION_DETAIL} } totalCount } }`,
        {
          filter: { policyKey: policyKey || null, status: status ? (Array.isArray(status) ? status : [status]) : null, authorId: authorId || null },
          first,
          offset,
          sortBy: SORT_FIELDS[params.sort?.field ?? 'updatedAt'] ?? 'UPDATED_AT',
          sortDirection: params.sort?.order === 'ASC' ? 'ASC' : 'DESC',
        },
      );
      return { data: policyVersions.items, total: policyVersions.totalCount };
    }
    if (resource === 'audit') return auditPage(params);
    if (resource === 'users') {
      const { users } = await graphql<{ users: RaRecord[] }>(`{ users { ${USER_FIELDS} } }`);
      return { data: sortInMemory(users, params), total: users.length };
    }
    throw new Error(`unknown resource ${resource}`);
  },

  async getOne(resource: string, params: { id: Identifier }): Result {
    if (isDeliveryResource(resource)) return deliveryResources.getOne(resource, params);
    if (resource === 'versions') {
      const { policyVersion } = await graphql<{ policyVersion: RaRecord }>(
        `query($id: ID!) { policyVersion(id: $id) { ${VERSION_DETAIL} history { ${AUDIT_EVENT} } } }`,
        { id: params.id },
      );
      return { data: policyVersion };
    }
    if (resource === 'audit') {
      // The trail is read newest first, 200 events a page (the API's limit), until the event is found.
      for (let pageNumber = 1; ; pageNumber++) {
        const { data, total } = await auditPage({ pagination: { page: pageNumber, perPage: 200 }, sort: { field: 'id', order: 'DESC' }, filter: {} });
        const event = data.find((record: RaRecord) => String(record.id) === String(params.id));
        if (event) return { data: event };
        if (pageNumber * 200 >= total) throw new Error(`audit event ${params.id} was not found`);
      }
    }
    const { data }: { data: RaRecord[] } = await dataProvider.getList(resource, { pagination: { page: 1, perPage: 200 }, sort: { field: 'id', order: 'ASC' }, filter: {} });
    const found = data.find((record: RaRecord) => String(record.id) === String(params.id));
    if (!found) throw new Error(`${resource} ${params.id} was not found`);
    return { data: found };
  },

  async getMany(resource: string, params: { ids: Identifier[] }): Result {
    if (isDeliveryResource(resource)) return deliveryResources.getMany(resource, params);
    const { data }: { data: RaRecord[] } = await dataProvider.getList(resource, { pagination: { page: 1, perPage: 1000 }, sort: { field: 'id', order: 'ASC' }, filter: {} });
    return { data: data.filter((record: RaRecord) => params.ids.map(String).includes(String(record.id))) };
  },

  async getManyReference(resource: string, params: GetListParams & { target: string; id: Identifier }): Result {
    return dataProvider.getList(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } });
  },

  async create(resource: string, params: { data: any }): Result {
    if (resource === 'versions') {
      const { policyKey, effectiveFrom, effectiveThrough, content, summary, reason } = params.data;
      const { createPolicyVersion } = await graphql<{ createPolicyVersion: RaRecord }>(
        `mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { ${VERSION_DETAIL} } }`,
        { input: { policyKey, effectiveFrom, effectiveThrough: effectiveThrough || null, content, summary, reason: reason || null } },
      );
      return { data: createPolicyVersion };
    }
    if (resource === 'users') {
      const { username, displayName, password, roles } = params.data;
      const { createUser } = await graphql<{ createUser: RaRecord }>(
        `mutation($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`,
        { input: { username, displayName, password, roles } },
      );
      return { data: createUser };
    }
    throw new Error(`${resource} cannot be created`);
  },

  async update(resource: string, params: { id: Identifier; data: any; previousData: any }): Result {
    if (isDeliveryResource(resource)) return deliveryResources.update(resource, params);
    if (resource === 'versions') {
      const { effectiveFrom, effectiveThrough, content, summary, reason } = params.data;
      const { updatePolicyVersion } = await graphql<{ updatePolicyVersion: RaRecord }>(
        `mutation($input: UpdatePolicyVersionInput!) { updatePolicyVersion(input: $input) { ${VERSION_DETAIL} } }`,
        {
          input: {
            id: params.id,
            revision: params.previousData.revision,
            effectiveFrom,
            effectiveThrough: effectiveThrough || null,
            content,
            summary,
            reason: reason || null,
          },
        },
      );
      return { data: updatePolicyVersion };
    }
    if (resource === 'users') {
      const { setUserRoles } = await graphql<{ setUserRoles: RaRecord }>(
        `mutation($id: ID!, $roles: [Role!]!) { setUserRoles(userId: $id, roles: $roles) { ${USER_FIELDS} } }`,
        { id: params.id, roles: params.data.roles },
      );
      return { data: setUserRoles };
    }
    throw new Error(`${resource} cannot be updated`);
  },

  async updateMany() {
    throw new Error('not supported');
  },
  async delete(resource: string, params: { id: Identifier }): Result {
    // Webhook subscriptions are the one thing staff may delete (softly: the API keeps the row and its log).
    if (isDeliveryResource(resource)) return deliveryResources.delete(resource, params);
    throw new Error('nothing is ever deleted: withdraw a published version instead');
  },
  async deleteMany() {
    throw new Error('nothing is ever deleted');
  },

  // Custom methods, called with useDataProvider().
  async workflowStep(step: 'submit' | 'approve' | 'reject' | 'publish' | 'withdraw', id: Identifier, reason?: string | null) {
    const mutation = `${step}PolicyVersion`;
    const withReason = step === 'reject' || step === 'withdraw' || step === 'publish';
    const data = await graphql<Record<string, RaRecord>>(
      withReason
        ? `mutation($id: ID!, $reason: String${step === 'publish' ? '' : '!'}) { ${mutation}(id: $id, reason: $reason) { ${VERSION_DETAIL} } }`
        : `mutation($id: ID!) { ${mutation}(id: $id) { ${VERSION_DETAIL} } }`,
      withReason ? { id, reason: reason ?? null } : { id },
    );
    return { data: data[mutation] };
  },
  async diff(a: Identifier, b: Identifier) {
    const { diffPolicyVersions } = await graphql<{ diffPolicyVersions: { entries: { path: string; kind: string; before: unknown; after: unknown }[] } }>(
      `query($a: ID!, $b: ID!) { diffPolicyVersions(a: $a, b: $b) { entries { path kind before after } } }`,
      { a, b },
    );
    return diffPolicyVersions.entries;
  },
  async inForce(policyKey: string, on?: string | null, knownAt?: string | null) {
    const { policyInForce } = await graphql<{ policyInForce: RaRecord | null }>(
      `query($key: ID!, $on: Date, $knownAt: DateTime) { policyInForce(key: $key, on: $on, knownAt: $knownAt) {
        id number effectiveFrom effectiveThrough content summary demo } }`,
      { key: policyKey, on: on || null, knownAt: knownAt || null },
    );
    return policyInForce;
  },
  async timeline(policyKey: string) {
    const { policyTimeline } = await graphql<{ policyTimeline: RaRecord[] }>(
      `query($key: ID!) { policyTimeline(key: $key) { id number effectiveFrom effectiveThrough summary } }`,
      { key: policyKey },
    );
    return policyTimeline;
  },
  async preview(on: string | null, includePending: boolean, knownAt?: string | null) {
    if (knownAt) {
      const { rulesInForce } = await graphql<{ rulesInForce: RaRecord[] }>(
        `query($on: Date, $knownAt: DateTime) { rulesInForce(on: $on, knownAt: $knownAt) { id policyKey number effectiveFrom effectiveThrough content summary demo } }`,
        { on: on || null, knownAt },
      );
      return rulesInForce.map((v) => ({ policyKey: v.policyKey, pending: false, effectiveFrom: v.effectiveFrom, effectiveThrough: v.effectiveThrough, version: v }));
    }
    const { previewRulesInForce } = await graphql<{ previewRulesInForce: RaRecord[] }>(
      `query($on: Date, $includePending: Boolean) { previewRulesInForce(on: $on, includePending: $includePending) {
        policyKey pending effectiveFrom effectiveThrough version { ${VERSION_DETAIL} } } }`,
      { on: on || null, includePending },
    );
    return previewRulesInForce;
  },
  async policyKinds() {
    const { policyKinds } = await graphql<{ policyKinds: { name: string; title: string; description: string; jsonSchema: Record<string, unknown> }[] }>(
      `{ policyKinds { name title description jsonSchema } }`,
    );
    return policyKinds;
  },
  /** Switches an account off (not one's own: the API refuses it); it is logged out at its next request. */
  async deactivateUser(id: Identifier) {
    const { deactivateUser } = await graphql<{ deactivateUser: RaRecord }>(`mutation($id: ID!) { deactivateUser(userId: $id) { ${USER_FIELDS} } }`, { id });
    return deactivateUser;
  },
  async reactivateUser(id: Identifier) {
    const { reactivateUser } = await graphql<{ reactivateUser: RaRecord }>(`mutation($id: ID!) { reactivateUser(userId: $id) { ${USER_FIELDS} } }`, { id });
    return reactivateUser;
  },
  /** An administrator sets someone's password; the tokens that person was using stop working. */
  async resetPassword(id: Identifier, newPassword: string) {
    const { resetPassword } = await graphql<{ resetPassword: RaRecord }>(
      `mutation($id: ID!, $newPassword: String!) { resetPassword(userId: $id, newPassword: $newPassword) { ${USER_FIELDS} } }`,
      { id, newPassword },
    );
    return resetPassword;
  },
  /**
   * One's own new password. Every earlier token, this tab's included, stops working with the answer: the new token
   * is stored here, before anything else can send the old one (a 401 would log the person out).
   */
  async changePassword(currentPassword: string, newPassword: string) {
    const { changePassword } = await graphql<{ changePassword: { token: string; user: StoredUser } }>(
      `mutation($currentPassword: String!, $newPassword: String!) {
        changePassword(currentPassword: $currentPassword, newPassword: $newPassword) { token user { id username displayName roles } } }`,
      { currentPassword, newPassword },
    );
    storeSession(changePassword.token, changePassword.user);
    return changePassword.user;
  },
  async verifyAuditTrail() {
    const { verifyAuditTrail } = await graphql<{ verifyAuditTrail: AuditVerificationResult }>(
      `{ verifyAuditTrail { ok checked firstBrokenId problemCount problems { code message eventId ledgerRowId versionId } } }`,
    );
    return verifyAuditTrail;
  },
};

// Checked against react-admin's interface; the custom methods ride along.
export const raDataProvider: DataProvider = dataProvider;

export type PolicyCmsDataProvider = typeof dataProvider;

/** verifyAuditTrail's answer as the audit screen shows it. */
export interface AuditVerificationResult {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  problemCount: number;
  problems: { code: string; message: string; eventId: string | null; ledgerRowId: string | null; versionId: string | null }[];
}
