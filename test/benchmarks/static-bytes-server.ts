/**
 * The yardstick of the snapshot rows in `npm run bench`: the least a Node.js server can do to serve a snapshot — the
 * same bytes the API gave, held in memory, with the same response headers (HEADERS_FILE: the API's answer's headers,
 * as JSON; Date and the connection's own are set by node:http as for the API), 304 on a matching If-None-Match. No
 * routing, no parsing, no logging. Started as a process of its own (BYTES_FILE = the body), so that it does not share
 * an event loop with the load generator. Prints `listening on <port>` once it accepts requests.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = readFileSync(process.env.BYTES_FILE!);
const headers = JSON.parse(readFileSync(process.env.HEADERS_FILE!, 'utf8')) as Record<string, string>;
const tag = headers.etag;

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
