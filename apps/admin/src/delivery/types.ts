/*
 * The delivery side of the API as the admin reads it (API.md, "Delivery to downstream services"). The enum values are
 * the API's own; the screens never show them, only their words (i18n `delivery.eventTypes.*`, `delivery.status.*`).
 */
export const CHANGE_EVENT_TYPES = ['PUBLISHED', 'WITHDRAWN', 'TOOK_EFFECT'] as const;
export type ChangeEventType = (typeof CHANGE_EVENT_TYPES)[number];

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type WebhookDeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface ChangeEvent {
  cursor: string;
  id: string;
  type: ChangeEventType;
  policyKey: string;
  versionId: string | null;
  versionNumber: number | null;
  effectiveFrom: string | null;
  effectiveThrough: string | null;
  recordedAt: string;
  retroactive: boolean | null;
  day: string | null;
  emittedAt: string;
}

export interface Webhook {
  id: string;
  url: string;
  description: string;
  eventTypes: ChangeEventType[];
  /** null = every policy. */
  policyKeys: string[] | null;
  active: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  pendingDeliveries: number;
  failedDeliveries: number;
  lastDeliveredAt: string | null;
}

export interface WebhookAttempt {
  attemptedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  webhookUrl: string;
  event: ChangeEvent;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  completedAt: string | null;
  attemptLog: WebhookAttempt[];
}

export interface ChangeFeedPage {
  events: ChangeEvent[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** How long a rotated-out secret still signs: the choices the rotation dialog offers (seconds). */
export const GRACE_CHOICES = [
  { id: 'now', seconds: 0 },
  { id: 'day', seconds: 86_400 },
  { id: 'week', seconds: 604_800 },
] as const;
export type GraceChoice = (typeof GRACE_CHOICES)[number]['id'];
