import type { RequestListener, Server } from 'node:http';
import type { RequestHandler } from 'express';

/**
 * Puts `front` in the server's place of `behind` among its request listeners; the others (Nest counts requests per
 * socket for its shutdown) stay as they are, in their order.
 */
export function installInFront(server: Server, behind: RequestListener, front: RequestListener): void {
  const listeners = server.listeners('request') as RequestListener[];
  if (!listeners.includes(behind)) throw new Error('an edge goes in front of a request listener of this server, and this one is not');
  server.removeAllListeners('request');
  for (const listener of listeners) server.on('request', listener === behind ? front : listener);
}

/** The headers a middleware sets on a plain answer at `path` (helmet's are the same for every such answer). */
export function headersSetBy(middleware: RequestHandler, path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (headers[name] = String(value)),
    removeHeader: (name: string) => void delete headers[name],
    getHeader: (name: string) => headers[name],
  };
  const req = { method: 'POST', url: path, path, originalUrl: path, headers: { accept: 'application/json' } };
  let called = false;
  middleware(req as never, res as never, () => (called = true));
  if (!called) throw new Error('the security headers middleware did not pass a plain request on synchronously');
  return headers;
}
