import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { ModuleRef, NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { json, type NextFunction, type Request, type Response } from 'express';
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import expressStaticGzip from 'express-static-gzip';
import { parse as parseBytes } from 'bytes';
import { isUtf8Charset, mediaTypeOf } from './edge/content-type-charset';
import { CLOCK, atOneInstant, DomainError, READ_FRESHNESS, type ReadFreshness, httpErrorOf, inputBoundary } from '@policy-cms/common';
import type { Clock } from '@policy-cms/temporal';
import { AppModule, AppModuleOptions } from './app.module';
import { SnapshotEdge } from './delivery/snapshot-edge';
import { SnapshotService } from './delivery/snapshot.service';
import { installInFront } from './edge/front';
import { GraphQLEdge, edgeBodyRefusals } from './edge/graphql-edge';
import { rateLimit } from './edge/rate-limit';
import { ResponseCache } from './edge/response-cache';
import { securityHeaders } from './edge/security-headers';
import { AcceptedEstimates } from './graphql/complexity.plugin';
import { tokenLimit } from './graphql/query-limits';

/** Builds the API the same way for `npm start` and for the end-to-end tests. */
export async function createApp(options: AppModuleOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // req.ip, the client address of the login limits and the audit trail, follows X-Forwarded-For only via trusted proxies.
  app.set('trust proxy', options.config.trustProxy);
  const headers = securityHeaders({ sandbox: options.config.graphqlSandbox });
  app.use(headers);
  // No CORS headers unless origins are listed: browsers then let only pages of this origin (the admin UI) read answers.
  if (options.config.corsOrigins.length > 0) {
    app.enableCors({
      origin: options.config.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight'],
      maxAge: 600,
    });
  }
  // Before the body is read: a client over its budget costs as little as possible.
  const budget = options.config.rateLimitPerMinute > 0 ? rateLimit(options.config.rateLimitPerMinute) : undefined;
  if (budget) app.use(budget);
  // A body the GraphQL edge read and found to be no JSON: refused here, as the body parser below would.
  app.use(edgeBodyRefusals());
  app.use(json({ limit: options.config.bodyLimit, verify: requireUtf8 }));
  // A body over the limit is refused before GraphQL sees it; answer it in the contract's error shape.
  app.use((error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    const refusal =
      error?.type === 'entity.too.large' || error?.status === 413
        ? new DomainError('PAYLOAD_TOO_LARGE', `the request body exceeds ${options.config.bodyLimit}`)
        : error?.type === 'entity.parse.failed' || error?.status === 400 || error?.status === 415
          ? // Not JSON, not UTF-8, an unknown or corrupt Content-Encoding: the body parser's refusals, all the client's.
            DomainError.badInput('body', 'the request body is not valid JSON in UTF-8 (gzip, deflate or br, if encoded)')
          : null;
    if (!refusal) return next(error);
    const { status, body } = httpErrorOf(refusal);
    res.status(status).json(body);
  });
  // Every route, before any handler: only well-formed, bounded text gets in.
  app.use(inputBoundary());
  app.use('/graphql', tokenLimit());
  // After the body is read (a stream's events would lose the context): every read of one GraphQL request answers as
  // of one instant, so that two fields of a document never show two states of the record.
  app.use('/graphql', (_req: Request, _res: Response, next: NextFunction) => atOneInstant(next));
  // Last in front of Apollo: a replayed answer has passed every check above, as the request that computed it did.
  const answers = responseCache(app, options.config.responseCacheBytes);
  app.use('/graphql', answers.middleware());
  serveAdminUi(app, options.config.adminDir);
  await app.init();
  // In front of Express: cached snapshots and stored GraphQL answers, at the cost of their bytes, with the same
  // headers and budget.
  const express = app.getHttpAdapter().getInstance();
  const trustProxy = express.get('trust proxy fn');
  const server = app.getHttpServer();
  const snapshotEdge = new SnapshotEdge({ snapshots: app.get(SnapshotService), securityHeaders: headers, rateLimit: budget, trustProxy });
  const behindGraphQLEdge = snapshotEdge.install(server, express);
  snapshotEdges.set(app, snapshotEdge);
  if (answers.enabled) {
    const bodyLimitBytes = parseBytes(options.config.bodyLimit);
    if (bodyLimitBytes === null) throw new Error(`BODY_LIMIT ${options.config.bodyLimit} is not a size`);
    const schemaHost = app.get(GraphQLSchemaHost);
    const accepted = providerOrUndefined<AcceptedEstimates>(app, AcceptedEstimates);
    const graphqlEdge = new GraphQLEdge({
      cache: answers,
      securityHeaders: headers,
      rateLimit: budget,
      trustProxy,
      bodyLimitBytes,
      fastLane: accepted && options.config.graphqlEdgeCompute ? { schema: () => schemaHost.schema, accepted } : undefined,
    });
    installInFront(server, behindGraphQLEdge, graphqlEdge.listener(behindGraphQLEdge));
    graphqlEdges.set(app, graphqlEdge);
  }
  return app;
}

/**
 * JSON comes in UTF-8 only (RFC 8259): the body parser would decode another charset it knows (UTF-16, UTF-7) and put
 * U+FFFD in place of bytes that are not UTF-8, so that what is stored and hashed would differ from what was sent.
 * Refused instead, as a body that is not JSON is (the error handler above answers BAD_USER_INPUT).
 */
function requireUtf8(req: IncomingMessage, _res: unknown, bytes: Buffer): void {
  const charset = mediaTypeOf(req.headers['content-type'])?.charset;
  if (!isUtf8Charset(charset)) throw Object.assign(new Error(`charset ${charset}`), { status: 415 });
  if (!isUtf8(bytes)) throw Object.assign(new Error('the body is not UTF-8'), { status: 400, type: 'entity.parse.failed' });
}

const graphqlEdges = new WeakMap<INestApplication, GraphQLEdge>();

/** The GraphQL edge of an app made by createApp, for its stats(); undefined when the response cache is off. */
export function graphqlEdgeOf(app: INestApplication): GraphQLEdge | undefined {
  return graphqlEdges.get(app);
}

const snapshotEdges = new WeakMap<INestApplication, SnapshotEdge>();

/** The snapshot edge of an app made by createApp, for its stats(). */
export function snapshotEdgeOf(app: INestApplication): SnapshotEdge {
  const edge = snapshotEdges.get(app);
  if (!edge) throw new Error('this app was not made by createApp');
  return edge;
}

const responseCaches = new WeakMap<INestApplication, ResponseCache>();

/**
 * The cache of anonymous public answers: the app's own provider of ResponseCache when a module declares one (so that a
 * health route can inject it), else one built here. Off when the bound is 0, or when no read model says which state
 * of the record an answer belongs to.
 */
function responseCache(app: INestApplication, maxBytes: number): ResponseCache {
  const cache =
    providerOrUndefined<ResponseCache>(app, ResponseCache) ??
    new ResponseCache({ maxBytes, clock: app.get<symbol, Clock>(CLOCK, { strict: false }), freshness: providerOrUndefined<ReadFreshness>(app, READ_FRESHNESS) });
  responseCaches.set(app, cache);
  return cache;
}

/** The response cache of an app made by createApp, for its stats(). */
export function responseCacheOf(app: INestApplication): ResponseCache {
  const cache = responseCaches.get(app);
  if (!cache) throw new Error('this app was not made by createApp');
  return cache;
}

/** A provider that may be absent. Through ModuleRef: the app's own get() ends the process on an unknown token. */
function providerOrUndefined<T>(app: INestApplication, token: symbol | (abstract new (...args: never[]) => T)): T | undefined {
  try {
    return app.get(ModuleRef).get<unknown, T>(token, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * The admin UI is a static build; the API serves it at /admin so that one process and one port do everything. The build
 * writes each text asset also as .br and .gz (vite-plugin-compression2); express-static-gzip sends the one the browser
 * accepts, brotli first, with `Vary: Accept-Encoding`, so no CPU is spent compressing per request.
 */
function serveAdminUi(app: NestExpressApplication, adminDir: string): void {
  if (!existsSync(join(adminDir, 'index.html'))) {
    app.get(Logger).warn(`the admin UI is not built (${adminDir}); run npm run build to serve it at /admin`);
    return;
  }
  const http = app.getHttpAdapter().getInstance();
  http.use(
    '/admin',
    expressStaticGzip(adminDir, {
      enableBrotli: true,
      orderPreference: ['br', 'gz'],
      index: 'index.html',
      serveStatic: { maxAge: '1h', setHeaders: noCacheForIndex },
    }),
  );
  http.get('/', (_req: Request, res: Response) => res.redirect('/admin/'));
  http.get('/admin', (_req: Request, res: Response) => res.redirect('/admin/'));
  // Browsers ask for /favicon.ico on pages without an icon link (the GraphQL sandbox): the admin's icon, not a 404.
  http.get('/favicon.ico', (_req: Request, res: Response) => res.redirect(301, '/admin/favicon.svg'));
}

/**
 * index.html names the hashed bundles: it must never be used unchecked, while a hashed file never changes under its
 * name and may be kept for a year without asking again. `path` may be the .br or .gz twin of the file.
 */
function noCacheForIndex(res: { setHeader(name: string, value: string): unknown }, path: string): void {
  const file = path.replace(/\.(br|gz)$/, '');
  if (file.endsWith('index.html')) res.setHeader('cache-control', 'no-cache');
  else if (/[\\/]assets[\\/][^\\/]+-[\w-]{8}\.\w+$/.test(file)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
}
