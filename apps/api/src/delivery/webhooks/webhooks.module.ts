import { Module } from '@nestjs/common';

/** Webhook subscriptions (ADMIN), the delivery workers and the delivery log. */
@Module({})
export class WebhooksModule {}
