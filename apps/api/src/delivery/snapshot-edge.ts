import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import proxyAddr from 'proxy-addr';
import type { RequestHandler } from 'express';
import { headersSetBy, installInFront } from '../edge/front';
import { snapshotAnswer } from './snapshot-response';
import { rawQueryOf, snapshotQuestion } from './snapshot-request';
import type { SnapshotService } from './snapshot.service';

export interface SnapshotEdgeOptions {
  snapshots: SnapshotService;
  /** The app's security-headers middleware: run once at start, its headers are sent with every answer here. */
  securityHeaders: RequestHandler;
  /** The app's per-address budget, if on. */
  rateLimit?: { admit(address: string): Promise<Record<string, string> | null> };
  /** Express's compiled `trust proxy` (which proxies may name the client), so that the budget is the same one. */
  trustProxy: (address: string, hop: number) => boolean;
}

export interface SnapshotEdgeStats {
  /** Answers given here (cache hits), and requests left to the app (everything else). */
  served: number;
  passed: number;
}

const RULES_PATH = '/v1/rules';
// A key in plain characters only: anything percent-encoded or unusual goes the long way, through every check.
const POLICY_PATH = /^\/v1\/policies\/([A-Za-z0-9._-]{1,200})$/;

/**
 * The hot path of the snapshots, in front of Express: a GET of /v1/rules or /v1/policies/{key} whose answer is
 * already in the snapshot cache for the settled state of the record is written straight from it, with the same
 * headers, status and bytes the route would give (the security headers, the client's rate budget, Cache-Control,
 * ETag and 304, the content coding). Everything else — a miss, a bad or unusual question, a staff or cross-origin
 * request, another method, a spent budget — goes to the app unchanged, which answers it (and fills the cache).
 *
 * Measured (`npm run bench -- --parts delivery`): the framework's middleware and router cost several times the bytes'
 * own cost for a cached snapshot; this serves a hit for about the cost of a static file server. Such hits are not
 * request-logged (anonymous answers are logged at debug level only anyway).
 */
export class SnapshotEdge {
  private readonly baseHeaders: Record<string, string>;
  private readonly counts: SnapshotEdgeStats = { served: 0, passed: 0 };

  constructor(private readonly options: SnapshotEdgeOptions) {
    this.baseHeaders = headersSetBy(options.securityHeaders, RULES_PATH);
  }

  /** Puts the edge in front of `app`, the server's request listener of the Express app; returns the edge's listener. */
  install(server: Server, app: RequestListener): RequestListener {
    const edge: RequestListener = (req, res) => {
      if (!this.candidate(req)) return void this.pass(app, req, res);
      this.serve(req, res).then(
        (served) => served || this.pass(app, req, res),
        () => this.pass(app, req, res),
      );
    };
    installInFront(server, app, edge);
    return edge;
  }

  stats(): SnapshotEdgeStats {
    return { ...this.counts };
  }

  private pass(app: RequestListener, req: IncomingMessage, res: ServerResponse): void {
    this.counts.passed++;
    app(req, res);
  }

  private candidate(req: IncomingMessage): boolean {
    const { headers } = req;
    return (
      req.method === 'GET' &&
      (req.url?.startsWith('/v1/') ?? false) &&
      headers.authorization === undefined &&
      headers.origin === undefined &&
      headers['transfer-encoding'] === undefined &&
      headers['content-length'] === undefined
    );
  }

  /** True when the answer was written here; false (with nothing written) to leave the request to the app. */
  private async serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = req.url!;
    const queryStart = url.indexOf('?');
    const path = queryStart < 0 ? url : url.slice(0, queryStart);
    const scope = path === RULES_PATH ? null : POLICY_PATH.exec(path)?.[1];
    if (scope === undefined) return false;
    const { snapshots } = this.options;
    const arrival = snapshots.now();
    let question;
    try {
      question = snapshotQuestion(rawQueryOf(url), arrival);
    } catch {
      return false; // the route answers it, in the contract's error shape
    }
    const snapshot = await snapshots.stored(scope, question, arrival);
    if (!snapshot) return false;
    const budget = this.options.rateLimit ? await this.options.rateLimit.admit(this.clientAddress(req)) : {};
    if (budget === null) return false; // spent: the app's limiter answers 429
    const answer = await snapshotAnswer(req.headers, question, arrival, snapshot, snapshots.options.maxAgeSeconds);
    res.writeHead(answer.status, { ...this.baseHeaders, ...budget, ...answer.headers });
    res.end(answer.body ?? undefined);
    this.counts.served++;
    return true;
  }

  private clientAddress(req: IncomingMessage): string {
    return proxyAddr(req, this.options.trustProxy) ?? 'unknown';
  }
}
