/**
 * The yardstick of the snapshot row in `npm run bench`: the least a Node.js server can do to serve a snapshot — the
 * same bytes the API gave, held in memory, with the same content type, a strong ETag and 304 on If-None-Match. No
 * routing, no parsing, no logging. Started as a process of its own (BYTES_FILE = the body), so that it does not share
 * an event loop with the load generator. Prints `listening on <port>` once it accepts requests.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = readFileSync(process.env.BYTES_FILE!);
const tag = `"${createHash('sha256').update(body).digest('base64url')}"`;
const headers = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': String(body.length),
  etag: tag,
  'cache-control': 'public, max-age=60',
};

const server = createServer((request, response) => {
  if (request.headers['if-none-match'] === tag) {
    response.writeHead(304, { etag: tag }).end();
    return;
  }
  response.writeHead(200, headers).end(body);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on ${typeof address === 'object' && address ? address.port : address}`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
