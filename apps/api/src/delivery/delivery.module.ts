import { DynamicModule, Module } from '@nestjs/common';
import { PolicyModule } from '@policy-cms/policy';
import { ChangeFeedModule } from './changes/change-feed.module';
import { SnapshotController } from './snapshot.controller';
import { WebhooksModule } from './webhooks/webhooks.module';
import { SNAPSHOT_OPTIONS, type SnapshotOptions, SnapshotService } from './snapshot.service';

/** Delivery to downstream services over plain HTTP (/v1): the snapshots and their OpenAPI document. */
@Module({})
export class DeliveryModule {
  static register(options: SnapshotOptions): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [PolicyModule, ChangeFeedModule, WebhooksModule],
      controllers: [SnapshotController],
      providers: [{ provide: SNAPSHOT_OPTIONS, useValue: options }, SnapshotService],
    };
  }
}
