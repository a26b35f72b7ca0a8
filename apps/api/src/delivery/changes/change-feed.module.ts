import { Module } from '@nestjs/common';
import { DeliveryNotificationsModule } from '../notifications.module';
import { ChangeFeedController } from './change-feed.controller';
import { ChangeFeedResolver } from './change-feed.resolver';
import { ChangeFeedService } from './change-feed.service';
import { ChangeStream } from './change-stream';
import { TookEffectEmitter } from './took-effect-emitter';

/** The change feed: TOOK_EFFECT at Tokyo midnight, GraphQL changeFeed, GET /v1/changes and its SSE stream. */
@Module({
  imports: [DeliveryNotificationsModule],
  controllers: [ChangeFeedController],
  providers: [ChangeFeedService, ChangeFeedResolver, ChangeStream, TookEffectEmitter],
  exports: [ChangeFeedService, TookEffectEmitter],
})
export class ChangeFeedModule {}
