import { Module } from '@nestjs/common';
import { AuditModule } from '@policy-cms/audit';
import { DeliveryNotificationsModule } from '../notifications.module';
import { WebhookResolver } from './webhook.resolver';
import { WebhookService } from './webhook.service';
import { WebhookWorker } from './webhook-worker';

/** Webhook subscriptions (ADMIN), the delivery workers and the delivery log. */
@Module({
  imports: [AuditModule, DeliveryNotificationsModule],
  providers: [WebhookService, WebhookResolver, WebhookWorker],
})
export class WebhooksModule {}
