import { Module } from '@nestjs/common';
import { DeliveryNotifications } from './notifications';

/** The delivery side's one LISTEN connection, shared by the change stream and the webhook workers of an instance. */
@Module({ providers: [DeliveryNotifications], exports: [DeliveryNotifications] })
export class DeliveryNotificationsModule {}
