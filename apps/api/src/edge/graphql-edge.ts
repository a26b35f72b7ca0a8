import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, OutgoingHttpHeader, RequestListener, ServerResponse } from 'node:http';
import proxyAddr from 'proxy-addr';
import { isUtf8Charset, mediaTypeOf } from './content-type-charset';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import etag from 'etag';
import { type DocumentNode, type GraphQLSchema, execute, parse } from 'graphql';
import { atOneInstant, bodyProblem } from '@policy-cms/common';
import type { AcceptedEstimates } from '../graphql/complexity.plugin';
import type { EdgeMiss, ResponseCache, StoredAnswer } from './response-cache';
import { headersSetBy } from './front';

export interface GraphQLEdgeOptions {
  cache: ResponseCache;
  /** The app's security-headers middleware: run once at start, its headers are sent with every answer here. */
  securityHeaders: RequestHandler;
  /** The app's per-address budget, if on. */
  rateLimit?: { admit(address: string): Promise<Record<string, string> | null> };
  /** Express's compiled `trust proxy`, so that the budget is the same one. */
  trustProxy: (address: string, hop: number) => boolean;
  /** The body parser's limit in bytes: a larger body is left to it, unread, to be refused in its way. */
  bodyLimitBytes: number;
  /** The schema Apollo runs and the cost estimates its limit accepted: without them, only stored answers are served. */
  fastLane?: { schema: () => GraphQLSchema; accepted: AcceptedEstimates };
}

export interface GraphQLEdgeStats {
  /** Stored answers sent here, answers computed here, and POSTs whose body was read here and then left to the app. */
  served: number;
  computed: number;
  passed: number;
}

/** What the JSON body parser refuses, handed on with the request so that the app refuses it as it always did. */
interface BodyRefusal {
  status: 400;
  type: 'entity.parse.failed' | 'request.aborted';
}

const bodyRefusals = new WeakMap<IncomingMessage, BodyRefusal>();

/**
 * Where the JSON body parser stood: a body the edge read and found to be no JSON is refused here, as the parser would
 * refuse it (the same error, for the same error handler). Every other request passes.
 */
export function edgeBodyRefusals(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const refusal = bodyRefusals.get(req);
    if (refusal) bodyRefusals.delete(req);
    next(refusal);
  };
}

/** JSON's whitespace (space, tab, line feed, carriage return) and the first character after it. */
const FIRST_NON_WHITESPACE = /^[ \t\n\r]*(.|$)/s;

/**
 * The hot path of the public GraphQL reads, in front of Express, for an anonymous POST /graphql of public reads:
 * - an answer the response cache holds for the settled state of the record is written straight from it (status 200,
 *   the security headers, the client's rate budget, the stored headers and bytes);
 * - otherwise, for an operation Apollo has already answered with a 200 without errors, the answer is computed here
 *   with graphql-js on Apollo's own schema and resolvers, and sent with the headers Apollo gave (see computed());
 * - anything else goes on to Express with the body already parsed (the body parser skips a finished request) or with
 *   the parser's own refusal, and the response cache's middleware takes the question as settled here.
 *
 * Left to the app unread, as before: staff (Authorization), cross-origin requests (CORS headers), GETs, encoded or
 * chunked bodies, bodies over the limit or empty, and any content type but JSON in UTF-8.
 *
 * Measured (`npm run bench`, test/benchmarks/RESULTS.md): Express's middleware, the request log and Apollo's request
 * pipeline cost several times what the read itself costs. Answers given here are not request-logged (anonymous answers
 * are logged at debug level only anyway).
 */
export class GraphQLEdge {
  private readonly baseHeaders: Record<string, string>;
  private readonly counts: GraphQLEdgeStats = { served: 0, computed: 0, passed: 0 };
  /** The parsed documents of the operations computed here (Apollo keeps its own). */
  private readonly documents = new LRUCache<string, DocumentNode>({ maxSize: 2 * 1024 * 1024, sizeCalculation: (_document, text) => text.length + 256 });

  constructor(private readonly options: GraphQLEdgeOptions) {
    this.baseHeaders = headersSetBy(options.securityHeaders, '/graphql');
  }

  stats(): GraphQLEdgeStats {
    return { ...this.counts };
  }

  /** The request listener: `behind` answers everything not answered here. */
  listener(behind: RequestListener): RequestListener {
    return (req, res) => {
      if (!this.candidate(req)) return void behind(req, res);
      readBody(req, Number(req.headers['content-length'])).then(
        (bytes) =>
          this.serve(req, res, bytes, behind).catch((error: unknown) => {
            // A fault of the edge's own: before anything was sent the app answers; after, the connection is ended.
            if (!res.headersSent && !res.writableEnded) this.pass(behind, req, res);
            else res.destroy(error instanceof Error ? error : undefined);
          }),
        () => {
          // The client went away mid-body: the app's error handling ends it as it would have.
          bodyRefusals.set(req, { status: 400, type: 'request.aborted' });
          this.pass(behind, req, res);
        },
      );
    };
  }

  private candidate(req: IncomingMessage): boolean {
    const { headers } = req;
    if (req.method !== 'POST' || req.url !== '/graphql') return false;
    if (headers.authorization !== undefined || headers.origin !== undefined) return false;
    if (headers['transfer-encoding'] !== undefined || headers['content-encoding'] !== undefined) return false;
    const length = Number(headers['content-length']);
    if (!Number.isSafeInteger(length) || length <= 0 || length > this.options.bodyLimitBytes) return false;
    return isJsonInUtf8(headers['content-type']);
  }

  private async serve(req: IncomingMessage, res: ServerResponse, bytes: Buffer, behind: RequestListener): Promise<void> {
    const body = parseJsonBody(bytes);
    if (body === undefined) {
      bodyRefusals.set(req, { status: 400, type: 'entity.parse.failed' });
      return this.pass(behind, req, res);
    }
    (req as IncomingMessage & { body?: unknown }).body = body;
    const { cache } = this.options;
    const found = await cache.lookup(req, body).catch(() => undefined);
    const answer = found?.stored ?? (found?.miss && (await this.computed(req, found.miss)));
    if (!answer) return this.pass(behind, req, res);
    const budget = this.options.rateLimit ? await this.options.rateLimit.admit(proxyAddr(req, this.options.trustProxy) ?? 'unknown').catch(() => null) : {};
    // The budget is spent (the app's limiter answers 429 in the contract's shape), or could not be read.
    if (budget === null) return this.pass(behind, req, res);
    res.statusCode = 200;
    for (const [name, value] of Object.entries(this.baseHeaders)) res.setHeader(name, value);
    for (const [name, value] of Object.entries(budget)) res.setHeader(name, value);
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.end(answer.body);
    if (found?.miss) {
      cache.computedAtEdge(found.miss, answer);
      this.counts.computed++;
    } else {
      cache.countHit();
      this.counts.served++;
    }
  }

  /**
   * The answer to a question with no stored answer, computed here as Apollo would compute it (graphql-js's execute on
   * the same schema, resolvers and context), for an operation Apollo has answered before without errors: its text has
   * passed every check (parsing, validation, the alias, depth and token limits), and the cost estimate accepted for
   * these variables is the plugin's own. Undefined (Apollo answers) for anything else, and for any answer with errors:
   * the public reads change nothing, so computing them again costs only time.
   */
  private async computed(req: IncomingMessage, miss: EdgeMiss): Promise<StoredAnswer | undefined> {
    const lane = this.options.fastLane;
    if (!lane || !miss.headers) return undefined;
    const { query, operationName } = miss.body;
    const variables = miss.body.variables ?? {};
    if (bodyProblem(miss.body) !== null || !lane.accepted.has(`${operationName ?? ''}\n${query}`, variables)) return undefined;
    let document = this.documents.get(query);
    if (!document) {
      try {
        document = parse(query);
      } catch {
        return undefined;
      }
      this.documents.set(query, document);
    }
    let result;
    try {
      // Read as of the arrival the record was settled to in lookup(): "now" needs no second barrier.
      result = await atOneInstant(
        () => execute({ schema: lane.schema(), document, variableValues: variables, operationName: operationName ?? undefined, contextValue: { req } }),
        miss.arrival,
      );
    } catch {
      return undefined;
    }
    if (result.errors || !result.data || result.extensions) return undefined;
    const text = JSON.stringify(result) + '\n'; // Apollo's prettyJSONStringify
    const bytes = Buffer.from(text, 'utf8');
    // Express's res.send sets a weak ETag of the body; any other header is the one Apollo set on every such answer.
    const headers = miss.headers.map(([name, value]): [string, OutgoingHttpHeader] => [name, name.toLowerCase() === 'etag' ? etag(bytes, { weak: true }) : value]);
    return { headers, body: bytes };
  }

  private pass(behind: RequestListener, req: IncomingMessage, res: ServerResponse): void {
    this.counts.passed++;
    behind(req, res);
  }
}

/** `application/json`, with no charset or UTF-8's: what the JSON body parser decodes the way this edge does. */
function isJsonInUtf8(header: string | undefined): boolean {
  const media = mediaTypeOf(header);
  return media?.type === 'application/json' && isUtf8Charset(media.charset);
}

/** The whole body, of the length announced (Node's HTTP parser holds the client to it). */
function readBody(req: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    });
    req.once('end', () => (received === length ? resolve(Buffer.concat(chunks, received)) : reject(new Error('body length'))));
    req.once('aborted', () => reject(new Error('aborted')));
    req.once('error', reject);
  });
}

/**
 * The body as the app's JSON body parser reads it (body-parser, strict, UTF-8 only): a BOM dropped, an object or an
 * array at the top; undefined where it would refuse the body (bytes that are not UTF-8 included).
 */
export function parseJsonBody(bytes: Buffer): unknown {
  if (!isUtf8(bytes)) return undefined;
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = FIRST_NON_WHITESPACE.exec(text)?.[1];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
