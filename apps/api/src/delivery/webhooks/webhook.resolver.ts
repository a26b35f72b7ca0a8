import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type AuthenticatedUser, ClientAddress, CurrentUser, Roles, UuidArg, pageSize, queryCost } from '@policy-cms/common';
import type { ChangeEventType } from '../changes/change-event';
import { ChangeEventTypeEnum } from '../changes/change-event.model';
import { MAX_DELIVERIES_PAGE, WebhookService } from './webhook.service';
import {
  WebhookDeliveryModel,
  WebhookDeliveryPageModel,
  type WebhookDeliveryStatus,
  WebhookDeliveryStatusEnum,
  WebhookModel,
  WebhookWithSecretModel,
} from './webhook.model';
import { CreateWebhookInput, UpdateWebhookInput } from './webhook.input';
import { DEFAULT_GRACE_SECONDS, MAX_GRACE_SECONDS } from './webhook-input';

/** Webhook subscriptions and their delivery log: ADMIN only. */
@Resolver(() => WebhookModel)
export class WebhookResolver {
  constructor(private readonly service: WebhookService) {}

  @Roles('ADMIN')
  @Query(() => [WebhookModel], {
    name: 'webhooks',
    description: 'Every webhook not deleted, newest first.',
    complexity: queryCost({ items: 50 }),
  })
  webhooks(): Promise<WebhookModel[]> {
    return this.service.webhooks();
  }

  @Roles('ADMIN')
  @Query(() => WebhookModel, { description: 'NOT_FOUND when there is none, or it was deleted.' })
  webhook(@UuidArg('id') id: string): Promise<WebhookModel> {
    return this.service.webhook(id);
  }

  @Roles('ADMIN')
  @Query(() => WebhookDeliveryPageModel, {
    description: 'The delivery log, newest event first, with every attempt.',
    complexity: queryCost({ roundTrips: 3, items: pageSize(MAX_DELIVERIES_PAGE, 25) }),
  })
  webhookDeliveries(
    @UuidArg('webhookId', { nullable: true }) webhookId?: string | null,
    @Args('status', { type: () => WebhookDeliveryStatusEnum, nullable: true }) status?: WebhookDeliveryStatus | null,
    @Args('eventType', { type: () => ChangeEventTypeEnum, nullable: true }) eventType?: ChangeEventType | null,
    @Args('after', { type: () => String, nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
    @Args('first', { type: () => Int, nullable: true, description: `Page size, 1 to ${MAX_DELIVERIES_PAGE} (default 25).` })
    first?: number | null,
  ): Promise<WebhookDeliveryPageModel> {
    return this.service.deliveries({ webhookId, status, eventType }, { first: first ?? 25, after });
  }

  @Roles('ADMIN')
  @Mutation(() => WebhookWithSecretModel, {
    description: 'The answer shows the signing secret, once. Only events from now on are sent (no back-fill).',
  })
  createWebhook(
    @CurrentUser() actor: AuthenticatedUser,
    @Args('input') input: CreateWebhookInput,
    @ClientAddress() clientAddress: string | null,
  ): Promise<WebhookWithSecretModel> {
    return this.service.create(actor, input, clientAddress);
  }

  @Roles('ADMIN')
  @Mutation(() => WebhookModel, { description: 'active: false disables; true enables again (clears disabledReason and failingSince).' })
  updateWebhook(
    @CurrentUser() actor: AuthenticatedUser,
    @UuidArg('id') id: string,
    @Args('input') input: UpdateWebhookInput,
    @ClientAddress() clientAddress: string | null,
  ): Promise<WebhookModel> {
    return this.service.update(actor, id, input, clientAddress);
  }

  @Roles('ADMIN')
  @Mutation(() => WebhookModel, { description: 'Soft delete: its log stays; its pending deliveries end FAILED.' })
  deleteWebhook(
    @CurrentUser() actor: AuthenticatedUser,
    @UuidArg('id') id: string,
    @ClientAddress() clientAddress: string | null,
  ): Promise<WebhookModel> {
    return this.service.delete(actor, id, clientAddress);
  }

  @Roles('ADMIN')
  @Mutation(() => WebhookWithSecretModel, {
    description: 'A new secret, shown once; the old one also signs (a second signature) until previousSecretExpiresAt.',
  })
  rotateWebhookSecret(
    @CurrentUser() actor: AuthenticatedUser,
    @UuidArg('id') id: string,
    @Args('graceSeconds', {
      type: () => Int,
      nullable: true,
      description: `How long the old secret still signs: 0 to ${MAX_GRACE_SECONDS} s, default ${DEFAULT_GRACE_SECONDS} (a day).`,
    })
    graceSeconds: number | null | undefined,
    @ClientAddress() clientAddress: string | null,
  ): Promise<WebhookWithSecretModel> {
    return this.service.rotateSecret(actor, id, graceSeconds, clientAddress);
  }

  @Roles('ADMIN')
  @Mutation(() => WebhookDeliveryModel, { description: 'Sends it again now, with the same id (webhook-id).' })
  redeliverWebhook(
    @CurrentUser() actor: AuthenticatedUser,
    @UuidArg('deliveryId') deliveryId: string,
    @ClientAddress() clientAddress: string | null,
  ): Promise<WebhookDeliveryModel> {
    return this.service.redeliver(actor, deliveryId, clientAddress);
  }
}
