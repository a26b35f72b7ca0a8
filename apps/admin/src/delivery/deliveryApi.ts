import type { GetListParams, Identifier } from 'react-admin';
import { graphql } from '../dataProvider/graphql-client';
import type { ChangeEventType, ChangeFeedPage, Webhook, WebhookDelivery, WebhookDeliveryStatus } from './types';

/*
 * The delivery screens' GraphQL calls. Lists and edits go through react-admin's dataProvider (resources `webhooks` and
 * `webhook-deliveries`, see deliveryResources below); creating a webhook and rotating its secret do not, so that the
 * secret they answer with never enters react-admin's query cache: it lives only in the dialog that shows it once.
 */

const EVENT = 'cursor id type policyKey versionId versionNumber effectiveFrom effectiveThrough recordedAt retroactive day emittedAt';
const WEBHOOK = `id url description eventTypes policyKeys active disabledReason failingSince previousSecretExpiresAt
  createdAt updatedAt pendingDeliveries failedDeliveries lastDeliveredAt`;
const DELIVERY = `id webhookId webhookUrl event { ${EVENT} } status attempts nextAttemptAt lastStatusCode lastError createdAt
  completedAt attemptLog { attemptedAt durationMs statusCode error responseExcerpt }`;

export interface WebhookInput {
  url: string;
  description: string;
  eventTypes: ChangeEventType[];
  /** null = every policy. */
  policyKeys: string[] | null;
  active: boolean;
}

/** Creates a subscription: the answer holds the signing secret, shown once and never again. */
export async function createWebhook(input: WebhookInput): Promise<{ webhook: Webhook; secret: string }> {
  const { createWebhook } = await graphql<{ createWebhook: { webhook: Webhook; secret: string } }>(
    `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { ${WEBHOOK} } secret } }`,
    { input: { ...input, policyKeys: input.policyKeys?.length ? input.policyKeys : null } },
  );
  return createWebhook;
}

/** A new secret; the old one keeps signing for `graceSeconds` (0 = revoked at once). */
export async function rotateWebhookSecret(id: Identifier, graceSeconds: number): Promise<{ webhook: Webhook; secret: string }> {
  const { rotateWebhookSecret } = await graphql<{ rotateWebhookSecret: { webhook: Webhook; secret: string } }>(
    `mutation($id: ID!, $grace: Int) { rotateWebhookSecret(id: $id, graceSeconds: $grace) { webhook { ${WEBHOOK} } secret } }`,
    { id, grace: graceSeconds },
  );
  return rotateWebhookSecret;
}

export async function redeliverWebhook(deliveryId: Identifier): Promise<WebhookDelivery> {
  const { redeliverWebhook } = await graphql<{ redeliverWebhook: WebhookDelivery }>(
    `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { ${DELIVERY} } }`,
    { id: deliveryId },
  );
  return redeliverWebhook;
}

/** One page of the public change feed, oldest first, after `after` (null = from the start). */
export async function fetchChangeFeed(params: { after: string | null; first: number; policyKey?: string | null; types?: ChangeEventType[] | null }): Promise<ChangeFeedPage> {
  const { changeFeed } = await graphql<{ changeFeed: ChangeFeedPage }>(
    `query($after: String, $first: Int, $policyKey: ID, $types: [ChangeEventType!]) {
      changeFeed(after: $after, first: $first, policyKey: $policyKey, types: $types) { events { ${EVENT} } endCursor hasNextPage } }`,
    { after: params.after, first: params.first, policyKey: params.policyKey || null, types: params.types?.length ? params.types : null },
  );
  return changeFeed;
}

async function listWebhooks(): Promise<Webhook[]> {
  const { webhooks } = await graphql<{ webhooks: Webhook[] }>(`{ webhooks { ${WEBHOOK} } }`);
  return webhooks;
}

async function getWebhook(id: Identifier): Promise<Webhook> {
  const { webhook } = await graphql<{ webhook: Webhook }>(`query($id: ID!) { webhook(id: $id) { ${WEBHOOK} } }`, { id });
  return webhook;
}

interface DeliveryFilter {
  webhookId?: string | null;
  status?: WebhookDeliveryStatus | null;
  eventType?: ChangeEventType | null;
}

/** The API pages deliveries by cursor (newest first), react-admin by number: walk forward to the asked page. */
async function deliveryPage(filter: DeliveryFilter, offset: number, first: number): Promise<{ data: WebhookDelivery[]; total: number }> {
  let after: string | null = null;
  let skipped = 0;
  for (;;) {
    const want = skipped < offset ? Math.min(100, offset - skipped) : first;
    const { webhookDeliveries }: { webhookDeliveries: { deliveries: WebhookDelivery[]; endCursor: string | null; hasNextPage: boolean; totalCount: number } } =
      await graphql(
        `query($webhookId: ID, $status: WebhookDeliveryStatus, $eventType: ChangeEventType, $after: String, $first: Int) {
          webhookDeliveries(webhookId: $webhookId, status: $status, eventType: $eventType, after: $after, first: $first) {
            deliveries { ${DELIVERY} } endCursor hasNextPage totalCount } }`,
        { webhookId: filter.webhookId || null, status: filter.status || null, eventType: filter.eventType || null, after, first: want },
      );
    if (skipped >= offset) return { data: webhookDeliveries.deliveries, total: webhookDeliveries.totalCount };
    if (!webhookDeliveries.hasNextPage || !webhookDeliveries.endCursor) return { data: [], total: webhookDeliveries.totalCount };
    skipped += webhookDeliveries.deliveries.length;
    after = webhookDeliveries.endCursor;
  }
}

/** There is no query for one delivery: read the log newest first until it is found (recent ones are what is opened). */
async function findDelivery(id: Identifier): Promise<WebhookDelivery> {
  for (let offset = 0; ; offset += 100) {
    const { data, total } = await deliveryPage({}, offset, 100);
    const found = data.find((delivery) => delivery.id === String(id));
    if (found) return found;
    if (offset + 100 >= total || data.length === 0) throw new Error('delivery.errors.deliveryNotFound');
  }
}

/** Sorted in the browser: the API answers webhooks newest first and has no other order. */
function sortWebhooks(rows: Webhook[], params: GetListParams): Webhook[] {
  const { field, order } = params.sort ?? { field: 'createdAt', order: 'DESC' };
  const direction = order === 'ASC' ? 1 : -1;
  const value = (row: Webhook) => String((row as unknown as Record<string, unknown>)[field] ?? '');
  return [...rows].sort((a, b) => value(a).localeCompare(value(b)) * direction);
}

const pageOf = (params: GetListParams) => {
  const perPage = params.pagination?.perPage ?? 25;
  return { first: perPage, offset: ((params.pagination?.page ?? 1) - 1) * perPage };
};

export const DELIVERY_RESOURCES = ['webhooks', 'webhook-deliveries'] as const;
export const isDeliveryResource = (resource: string): resource is (typeof DELIVERY_RESOURCES)[number] =>
  (DELIVERY_RESOURCES as readonly string[]).includes(resource);

/**
 * react-admin's dataProvider methods for `webhooks` (list, one, update, delete; create is createWebhook above) and
 * `webhook-deliveries` (list, one). The shared dataProvider hands these resources here.
 */
export const deliveryResources = {
  async getList(resource: string, params: GetListParams) {
    const { first, offset } = pageOf(params);
    if (resource === 'webhooks') {
      const rows = sortWebhooks(await listWebhooks(), params);
      return { data: rows.slice(offset, offset + first), total: rows.length };
    }
    const { webhookId, status, eventType } = (params.filter ?? {}) as DeliveryFilter;
    return deliveryPage({ webhookId, status, eventType }, offset, first);
  },
  async getOne(resource: string, params: { id: Identifier }) {
    return { data: resource === 'webhooks' ? await getWebhook(params.id) : await findDelivery(params.id) };
  },
  async getMany(resource: string, params: { ids: Identifier[] }) {
    if (resource === 'webhooks') {
      const wanted = params.ids.map(String);
      return { data: (await listWebhooks()).filter((webhook) => wanted.includes(webhook.id)) };
    }
    return { data: await Promise.all(params.ids.map(findDelivery)) };
  },
  async update(resource: string, params: { id: Identifier; data: Partial<WebhookInput> & { allPolicies?: boolean } }) {
    if (resource !== 'webhooks') throw new Error('a delivery cannot be edited');
    const { url, description, eventTypes, policyKeys, active } = params.data;
    const allPolicies = !policyKeys || policyKeys.length === 0;
    const { updateWebhook } = await graphql<{ updateWebhook: Webhook }>(
      `mutation($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { ${WEBHOOK} } }`,
      {
        id: params.id,
        input: {
          ...(url !== undefined ? { url } : {}),
          ...(description !== undefined ? { description } : {}),
          ...(eventTypes !== undefined ? { eventTypes } : {}),
          ...(policyKeys !== undefined ? (allPolicies ? { allPolicies: true } : { policyKeys }) : {}),
          ...(active !== undefined ? { active } : {}),
        },
      },
    );
    return { data: updateWebhook };
  },
  async delete(resource: string, params: { id: Identifier }) {
    if (resource !== 'webhooks') throw new Error('a delivery cannot be deleted');
    const { deleteWebhook } = await graphql<{ deleteWebhook: Webhook }>(`mutation($id: ID!) { deleteWebhook(id: $id) { ${WEBHOOK} } }`, { id: params.id });
    return { data: deleteWebhook };
  },
};
