import { Module } from '@nestjs/common';

/** The change feed: TOOK_EFFECT at Tokyo midnight, GraphQL changeFeed, GET /v1/changes and its SSE stream. */
@Module({})
export class ChangeFeedModule {}
