import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError, httpErrorOf } from '@policy-cms/common';

/** The middleware, and the same budget for a caller in front of Express (the snapshot edge). */
export interface RateLimit extends RequestHandler {
  /**
   * Takes one request from the address's budget: the RateLimit-* headers to send, or null when it is spent (the
   * caller then leaves the request to the middleware, which answers 429 in the contract's shape).
   */
  admit(address: string): Promise<Record<string, string> | null>;
}

/**
 * A budget of requests per minute for each client address (`req.ip`, which follows X-Forwarded-For only through the
 * proxies TRUST_PROXY names). In memory: it costs no database round trip, so it still holds when the database is the
 * thing under load; each API instance keeps its own budget. /health is left out for the load balancer's probes.
 */
export function rateLimit(perMinute: number): RateLimit {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  const headersOf = (state: RateLimiterRes) => ({ 'RateLimit-Limit': String(perMinute), 'RateLimit-Remaining': String(state.remainingPoints) });
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/health') return next();
    limiter.consume(req.ip ?? 'unknown').then(
      (state) => {
        for (const [name, value] of Object.entries(headersOf(state))) res.setHeader(name, value);
        next();
      },
      (refusal: unknown) => {
        if (!(refusal instanceof RateLimiterRes)) return next(refusal);
        const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        const { status, body } = httpErrorOf(
          new DomainError('RATE_LIMITED', `more than ${perMinute} requests a minute from this address; retry in ${seconds} s`),
        );
        res.setHeader('Retry-After', String(seconds));
        res.status(status).json(body);
      },
    );
  };
  return Object.assign(middleware, {
    admit: (address: string) =>
      limiter.consume(address).then(headersOf, (refusal: unknown) => {
        if (refusal instanceof RateLimiterRes) return null;
        throw refusal;
      }),
  });
}
