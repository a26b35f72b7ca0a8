import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTimeScalar, enumOf } from '@policy-cms/common';
import type { ChangeEventType } from '../changes/change-event';
import { ChangeEventModel, ChangeEventTypeEnum } from '../changes/change-event.model';

export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
export const WebhookDeliveryStatusEnum = enumOf(WEBHOOK_DELIVERY_STATUSES);
registerEnumType(WebhookDeliveryStatusEnum, {
  name: 'WebhookDeliveryStatus',
  valuesMap: {
    PENDING: { description: 'Not yet answered with 2xx; will be (re)tried at nextAttemptAt.' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Retries ran out (the retry horizon passed), or its webhook was deleted.' },
  },
});

@ObjectType('Webhook', {
  description:
    'A subscription: each event of the chosen types (and policies) is POSTed to the URL, signed as Standard Webhooks ' +
    'says. Events from before its creation are not sent (read them from the change feed).',
})
export class WebhookModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'http or https; http is allowed for closed networks, but sends the events unencrypted.' })
  url!: string;
  @Field() description!: string;
  @Field(() => [ChangeEventTypeEnum]) eventTypes!: ChangeEventType[];
  @Field(() => [ID], { nullable: true, description: 'Only these policies; null = every policy.' })
  policyKeys!: string[] | null;
  @Field({ description: 'False: nothing is queued for it, and its pending deliveries wait until it is enabled again.' })
  active!: boolean;
  @Field(() => String, { nullable: true, description: 'Why the server disabled it (null when enabled, or disabled by hand).' })
  disabledReason!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Since when every delivery has failed; null after a success.' })
  failingSince!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Non-null while a rotated-out secret still signs (until then).' })
  previousSecretExpiresAt!: Date | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field(() => Int) pendingDeliveries!: number;
  @Field(() => Int) failedDeliveries!: number;
  @Field(() => DateTimeScalar, { nullable: true }) lastDeliveredAt!: Date | null;
}

@ObjectType('WebhookWithSecret', { description: 'The only answer that shows a signing secret: keep it now.' })
export class WebhookWithSecretModel {
  @Field(() => WebhookModel) webhook!: WebhookModel;
  @Field({ description: 'whsec_ + base64 of 32 random bytes (Standard Webhooks). Never shown again.' })
  secret!: string;
}

@ObjectType('WebhookAttempt')
export class WebhookAttemptModel {
  @Field(() => DateTimeScalar) attemptedAt!: Date;
  @Field(() => Int) durationMs!: number;
  @Field(() => Int, { nullable: true, description: 'Null when no HTTP answer came (see error).' }) statusCode!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => String, { nullable: true, description: 'The start of the answer, at most 1024 characters.' })
  responseExcerpt!: string | null;
}

@ObjectType('WebhookDelivery', { description: 'One event for one webhook, with every attempt to send it.' })
export class WebhookDeliveryModel {
  @Field(() => ID, { description: 'Sent as the webhook-id header, the same on every attempt: receivers drop repeats by it.' })
  id!: string;
  @Field(() => ID) webhookId!: string;
  @Field() webhookUrl!: string;
  @Field(() => ChangeEventModel, { description: 'The body sent.' }) event!: ChangeEventModel;
  @Field(() => WebhookDeliveryStatusEnum) status!: WebhookDeliveryStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Null unless PENDING.' }) nextAttemptAt!: Date | null;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) completedAt!: Date | null;
  @Field(() => [WebhookAttemptModel], { description: 'Oldest first.' }) attemptLog!: WebhookAttemptModel[];
}

@ObjectType('WebhookDeliveryPage')
export class WebhookDeliveryPageModel {
  @Field(() => [WebhookDeliveryModel]) deliveries!: WebhookDeliveryModel[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page; null when empty.' })
  endCursor!: string | null;
  @Field() hasNextPage!: boolean;
  @Field(() => Int, { description: 'Deliveries matching the filters, all pages.' }) totalCount!: number;
}
