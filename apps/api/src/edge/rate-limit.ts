import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError, httpErrorOf } from '@policy-cms/common';

/**
 * A budget of requests per minute for each client address (`req.ip`, which follows X-Forwarded-For only through the
 * proxies TRUST_PROXY names). In memory: it costs no database round trip, so it still holds when the database is the
 * thing under load; each API instance keeps its own budget. /health is left out for the load balancer's probes.
 */
export function rateLimit(perMinute: number): RequestHandler {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/health') return next();
    limiter.consume(req.ip ?? 'unknown').then(
      (state) => {
        res.setHeader('RateLimit-Limit', String(perMinute));
        res.setHeader('RateLimit-Remaining', String(state.remainingPoints));
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
}
