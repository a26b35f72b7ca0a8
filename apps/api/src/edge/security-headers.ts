import helmet from 'helmet';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * The Content-Security-Policy of the admin UI and of every API answer. React-admin and MUI style through emotion,
 * which injects <style> elements at run time: hence 'unsafe-inline' for styles only; scripts come from the build.
 */
const APP_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

const APOLLO_LANDING_PAGE = 'https://apollo-server-landing-page.cdn.apollographql.com';
const APOLLO_SANDBOX_SCRIPT = 'https://embeddable-sandbox.cdn.apollographql.com';

/**
 * The Apollo Sandbox page (GET /graphql from a browser) loads its script from Apollo's CDN and runs in a frame from
 * Apollo; it also sets its own nonce-based policy in a <meta> tag, which the browser applies on top of this one.
 */
const SANDBOX_CSP = {
  ...APP_CSP,
  scriptSrc: ["'self'", "'unsafe-inline'", APOLLO_LANDING_PAGE, APOLLO_SANDBOX_SCRIPT],
  styleSrc: ["'self'", "'unsafe-inline'", APOLLO_LANDING_PAGE, APOLLO_SANDBOX_SCRIPT, 'https://fonts.googleapis.com'],
  fontSrc: ["'self'", 'https://fonts.gstatic.com'],
  imgSrc: ["'self'", 'data:', APOLLO_LANDING_PAGE],
  manifestSrc: [APOLLO_LANDING_PAGE],
  frameSrc: ['https://sandbox.embed.apollographql.com'],
};

const common = {
  // HSTS belongs to the TLS-terminating proxy in front: this server may well be reached over plain HTTP inside.
  strictTransportSecurity: false,
  referrerPolicy: { policy: 'no-referrer' as const },
  // The same as frame-ancestors 'none', for browsers that predate CSP's.
  xFrameOptions: { action: 'deny' as const },
  crossOriginEmbedderPolicy: false,
};

/**
 * helmet's headers on every route (CSP with frame-ancestors 'none', X-Content-Type-Options: nosniff,
 * Referrer-Policy: no-referrer, X-Frame-Options: DENY, Cross-Origin-Opener/Resource-Policy), with the Sandbox's policy on
 * its page only when the Sandbox is on.
 */
export function securityHeaders(options: { sandbox: boolean; graphqlPath?: string }): RequestHandler {
  const app = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: APP_CSP } });
  if (!options.sandbox) return app;
  const sandbox = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: SANDBOX_CSP } });
  const path = options.graphqlPath ?? '/graphql';
  return (req: Request, res: Response, next: NextFunction) => {
    const landingPage = req.method === 'GET' && req.path === path && (req.headers.accept ?? '').includes('text/html');
    return (landingPage ? sandbox : app)(req, res, next);
  };
}
