import type { IncomingHttpHeaders } from 'node:http';
import { cacheControlOf, type ContentCoding, entityTagHeader, noneMatchHolds } from './http-caching';
import type { SnapshotQuestion } from './snapshot-request';
import type { SnapshotRepresentation } from './snapshot.service';

/** Below this size a compressed copy saves less than its headers cost. */
const SMALLEST_COMPRESSED_BYTES = 256;

/** A snapshot answer as status, headers and body: written the same way by the controller and by the edge. */
export interface SnapshotAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Buffer | null;
}

/**
 * The HTTP answer for a snapshot: Cache-Control by what the question leaves to defaults, a strong ETag per content
 * coding, Last-Modified from the watermark, 304 on a matching If-None-Match, br or gzip when accepted.
 */
export async function snapshotAnswer(
  request: IncomingHttpHeaders,
  question: SnapshotQuestion,
  arrival: Date,
  snapshot: SnapshotRepresentation,
  maxAgeSeconds: number,
): Promise<SnapshotAnswer> {
  const coding = codingFor(request['accept-encoding'], snapshot);
  const headers: Record<string, string> = {
    Vary: 'Accept-Encoding',
    'Cache-Control': cacheControlOf({ onDefaulted: !question.on, knownAt: question.knownAt ?? null, now: arrival, maxAgeSeconds }),
    ETag: entityTagHeader(snapshot.tag, coding),
  };
  if (snapshot.watermark) headers['Last-Modified'] = snapshot.watermark.toUTCString();
  // Only the ETag is a validator here: with `on` left out the answer changes at midnight while the watermark stays,
  // so If-Modified-Since could not tell (RFC 9110 lets a server ignore it when If-None-Match is absent too).
  if (noneMatchHolds(request['if-none-match'], snapshot.tag)) return { status: 304, headers, body: null };
  const body = coding === 'identity' ? snapshot.body : await snapshot.encoded(coding);
  if (coding !== 'identity') headers['Content-Encoding'] = coding;
  headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(body.length);
  return { status: 200, headers, body };
}

/**
 * The coding to send: br, else gzip, among those the client accepts with its highest q-value (Accept-Encoding, with
 * `*`); br first when they tie, since it is the smaller. None for tiny bodies.
 */
function codingFor(acceptEncoding: string | undefined, snapshot: SnapshotRepresentation): ContentCoding {
  if (snapshot.body.length < SMALLEST_COMPRESSED_BYTES || !acceptEncoding) return 'identity';
  const weights = acceptedCodings(acceptEncoding);
  const weightOf = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).reduce<ContentCoding>((chosen, coding) => (weightOf(coding) > (chosen === 'identity' ? 0 : weightOf(chosen)) ? coding : chosen), 'identity');
  return best !== 'identity' && weightOf(best) >= (weights.get('identity') ?? 0) ? best : 'identity';
}

/** `gzip, br;q=0.8` → gzip 1, br 0.8 (a malformed q counts as 0: that coding is not chosen). */
function acceptedCodings(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = parameters.map((parameter) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    weights.set(name, parameters.length === 0 ? 1 : q === undefined ? 0 : Number(q));
  }
  return weights;
}
