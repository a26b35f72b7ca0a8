import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { cacheControlOf, type ContentCoding, entityTagHeader, noneMatchHolds } from './http-caching';
import { SNAPSHOT_OPENAPI } from './openapi';
import { rawQueryOf, snapshotQuestion, type SnapshotQuestion } from './snapshot-request';
import { type SnapshotRepresentation, SnapshotService } from './snapshot.service';

/** Below this size a compressed copy saves less than its headers cost. */
const SMALLEST_COMPRESSED_BYTES = 256;

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
    const coding = codingFor(req, snapshot);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader(
      'Cache-Control',
      cacheControlOf({ onDefaulted: !question.on, knownAt: question.knownAt ?? null, now: arrival, maxAgeSeconds: this.snapshots.options.maxAgeSeconds }),
    );
    res.setHeader('ETag', entityTagHeader(snapshot.tag, coding));
    if (snapshot.watermark) res.setHeader('Last-Modified', snapshot.watermark.toUTCString());
    // Only the ETag is a validator here: with `on` left out the answer changes at midnight while the watermark stays,
    // so If-Modified-Since could not tell (RFC 9110 lets a server ignore it when If-None-Match is absent too).
    if (noneMatchHolds(req.headers['if-none-match'], snapshot.tag)) {
      res.status(304).end();
      return;
    }
    const body = coding === 'identity' ? snapshot.body : await snapshot.encoded(coding);
    if (coding !== 'identity') res.setHeader('Content-Encoding', coding);
    res.status(200).type('application/json; charset=utf-8').send(body);
  }
}

/**
 * The coding to send: br, else gzip, among those the client accepts with its highest q-value (Accept-Encoding, with
 * `*`); br first when they tie, since it is the smaller. None for tiny bodies.
 */
function codingFor(req: Request, snapshot: SnapshotRepresentation): ContentCoding {
  if (snapshot.body.length < SMALLEST_COMPRESSED_BYTES) return 'identity';
  const weights = acceptedCodings(req.headers['accept-encoding']);
  const weightOf = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).reduce<ContentCoding>((chosen, coding) => (weightOf(coding) > (chosen === 'identity' ? 0 : weightOf(chosen)) ? coding : chosen), 'identity');
  return best !== 'identity' && weightOf(best) >= (weights.get('identity') ?? 0) ? best : 'identity';
}

/** `gzip, br;q=0.8` → gzip 1, br 0.8 (a malformed q counts as 0: that coding is not chosen). */
function acceptedCodings(header: string | undefined): Map<string, number> {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = parameters.map((parameter) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    weights.set(name, parameters.length === 0 ? 1 : q === undefined ? 0 : Number(q));
  }
  return weights;
}
