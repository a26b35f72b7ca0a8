import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest, type RequestOptions as HttpsRequestOptions } from 'node:https';
import { guardedLookup, refusedLiteralHost } from './webhook-address';

/** At most this much of an answer is read; the rest is dropped with the connection. */
export const MAX_ANSWER_BYTES = 64 * 1024;
/** At most this many characters of the answer are kept in the attempt log (webhook_attempt.response_excerpt). */
export const EXCERPT_CHARS = 1024;
/** At most this many characters of an error are kept (webhook_attempt.error). */
export const ERROR_CHARS = 1000;

export interface WebhookCall {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
}

export interface CallOutcome {
  /** The HTTP status, or null when no answer came (refused address, DNS, connection, timeout). */
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
}

/**
 * One POST, bounded in every way a receiver could hold it: the whole call (resolve, connect, send, read) within
 * `timeoutMs`, at most MAX_ANSWER_BYTES of answer read, no redirect followed (a 3xx is an answer like any other, and
 * not a 2xx). Unless `allowPrivate`, the target's addresses are checked before connecting. Never throws.
 */
export function callWebhook(call: WebhookCall): Promise<CallOutcome> {
  const started = performance.now();
  const elapsed = () => Math.max(0, Math.round(performance.now() - started));
  return new Promise<CallOutcome>((done) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined = undefined;
    const finish = (outcome: Omit<CallOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done({ ...outcome, error: outcome.error === null ? null : storable(outcome.error).slice(0, ERROR_CHARS), durationMs: elapsed() });
    };
    const fail = (error: Error) => finish({ statusCode: null, error: error.message || String(error), responseExcerpt: null });

    let target: URL;
    try {
      target = new URL(call.url);
    } catch {
      return fail(new Error(`not a URL: ${call.url}`));
    }
    if (!call.allowPrivate) {
      const refused = refusedLiteralHost(target.hostname);
      if (refused) return fail(refused);
    }
    const options: RequestOptions & Pick<HttpsRequestOptions, 'rejectUnauthorized'> = {
      method: 'POST',
      headers: { ...call.headers, 'content-length': String(Buffer.byteLength(call.body)) },
      // A fresh connection per call: a kept-alive socket the receiver closed meanwhile would fail a good delivery.
      // No proxy either: agent: false never reads HTTP_PROXY (not even with NODE_USE_ENV_PROXY), so the address
      // checked below is the address connected to.
      agent: false,
      // Explicitly: NODE_TLS_REJECT_UNAUTHORIZED=0 left in the environment would otherwise skip verification silently.
      rejectUnauthorized: true,
      ...(call.allowPrivate ? {} : { lookup: guardedLookup }),
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    // Once the status came, the outcome is the status: a body cut off or slow afterwards does not change what the
    // receiver said, it only shortens the excerpt.
    let answer: { statusCode: number | null; chunks: Buffer[]; bytes: number } | null = null;
    const answered = (read: NonNullable<typeof answer>, note: string | null) =>
      finish({
        statusCode: read.statusCode,
        error: note,
        responseExcerpt: storable(Buffer.concat(read.chunks).toString('utf8')).slice(0, EXCERPT_CHARS) || null,
      });
    const req = send(target, options, (response: IncomingMessage) => {
      const read = (answer = { statusCode: response.statusCode ?? null, chunks: [] as Buffer[], bytes: 0 });
      response.on('data', (chunk: Buffer) => {
        if (read.bytes >= MAX_ANSWER_BYTES) return;
        read.chunks.push(chunk.subarray(0, MAX_ANSWER_BYTES - read.bytes));
        read.bytes += chunk.length;
        if (read.bytes >= MAX_ANSWER_BYTES) {
          answered(read, null);
          req.destroy();
        }
      });
      response.on('end', () => answered(read, null));
      response.on('error', (error) => answered(read, `the answer was cut off: ${error.message}`));
      response.on('aborted', () => answered(read, 'the answer was cut off'));
    });
    timer = setTimeout(() => {
      if (answer) answered(answer, `the answer was not complete within ${call.timeoutMs} ms`);
      else fail(new Error(`no answer within ${call.timeoutMs} ms`));
      req.destroy();
    }, call.timeoutMs);
    // A 101 the request never asked for: Node hands the socket over and would wait, with no answer, until the timeout.
    req.on('upgrade', (response: IncomingMessage, socket) => {
      socket.destroy();
      finish({ statusCode: response.statusCode ?? null, error: 'the receiver switched protocols instead of answering', responseExcerpt: null });
    });
    req.on('error', fail);
    req.end(call.body);
  });
}

/** PostgreSQL text holds no NUL character; a receiver may answer with one. */
function storable(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD');
}
