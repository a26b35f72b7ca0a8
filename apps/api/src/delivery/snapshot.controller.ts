import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SNAPSHOT_OPENAPI } from './openapi';
import { rawQueryOf, snapshotQuestion, type SnapshotQuestion } from './snapshot-request';
import { snapshotAnswer } from './snapshot-response';
import { type SnapshotRepresentation, SnapshotService } from './snapshot.service';

/**
 * The snapshots over plain HTTP (API.md, "Delivery to downstream services"): the rules in force as cacheable JSON,
 * with strong ETags, 304 on If-None-Match, Cache-Control by what the question leaves to defaults, and gzip or br.
 */
@Controller('v1')
export class SnapshotController {
  constructor(private readonly snapshots: SnapshotService) {}

  @Get('rules')
  async rules(@Req() req: Request, @Res() res: Response): Promise<void> {
    const arrival = this.snapshots.now();
    const question = snapshotQuestion(rawQueryOf(req.originalUrl), arrival);
    await this.send(req, res, question, arrival, await this.snapshots.rules(question, arrival));
  }

  @Get('policies/:key')
  async policy(@Param('key') key: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const arrival = this.snapshots.now();
    const question = snapshotQuestion(rawQueryOf(req.originalUrl), arrival);
    await this.send(req, res, question, arrival, await this.snapshots.policy(key, question, arrival));
  }

  @Get('openapi.json')
  openApi(@Res() res: Response): void {
    res.setHeader('cache-control', 'public, max-age=300');
    res.json(SNAPSHOT_OPENAPI);
  }

  private async send(req: Request, res: Response, question: SnapshotQuestion, arrival: Date, snapshot: SnapshotRepresentation): Promise<void> {
    const answer = await snapshotAnswer(req.headers, question, arrival, snapshot, this.snapshots.options.maxAgeSeconds);
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    res.status(answer.status).end(answer.body ?? undefined);
  }
}
