import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { entityTagHeader, entityTagOf, noneMatchHolds } from '../http-caching';
import { rawQueryOf } from '../snapshot-request';
import { changesQuestion, streamStart } from './change-feed-request';
import { ChangeFeedService } from './change-feed.service';
import { ChangeStream } from './change-stream';

/**
 * A full page (`limit` events after `after`, and more after them) can never change: events are appended in `seq`
 * order and never edited. Any other page may gain events at any moment: caches may keep it but must ask again.
 */
export const FULL_PAGE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const OPEN_PAGE_CACHE_CONTROL = 'public, no-cache';

/** The change feed over plain HTTP: pages (GET /v1/changes) and the live stream (GET /v1/changes/stream, SSE). */
@Controller('v1/changes')
export class ChangeFeedController {
  constructor(
    private readonly feed: ChangeFeedService,
    private readonly stream: ChangeStream,
  ) {}

  @Get()
  async page(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { after, limit } = changesQuestion(rawQueryOf(req.originalUrl), ['after', 'limit']);
    const page = await this.feed.page({ after, first: limit });
    const body = Buffer.from(JSON.stringify(page));
    const tag = entityTagOf(body);
    res.setHeader('Cache-Control', page.hasNextPage ? FULL_PAGE_CACHE_CONTROL : OPEN_PAGE_CACHE_CONTROL);
    res.setHeader('ETag', entityTagHeader(tag, 'identity'));
    if (noneMatchHolds(req.headers['if-none-match'], tag)) {
      res.status(304).end();
      return;
    }
    res.status(200).type('application/json; charset=utf-8').send(body);
  }

  @Get('stream')
  async live(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { after } = changesQuestion(rawQueryOf(req.originalUrl), ['after']);
    await this.stream.open(res, streamStart(req.headers['last-event-id'], after));
  }
}
