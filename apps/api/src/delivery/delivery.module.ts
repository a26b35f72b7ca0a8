import { DynamicModule, Module } from '@nestjs/common';
import { PolicyModule } from '@policy-cms/policy';
import { SnapshotController } from './snapshot.controller';
import { SNAPSHOT_OPTIONS, type SnapshotOptions, SnapshotService } from './snapshot.service';

/** Delivery to downstream services over plain HTTP (/v1): the snapshots and their OpenAPI document. */
@Module({})
export class DeliveryModule {
  static register(options: SnapshotOptions): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [PolicyModule],
      controllers: [SnapshotController],
      providers: [{ provide: SNAPSHOT_OPTIONS, useValue: options }, SnapshotService],
    };
  }
}
