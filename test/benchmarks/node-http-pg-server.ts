/**
 * The yardstick of `npm run bench`: the least a Node.js server can do to answer `policyInForce` over HTTP — parse the
 * GraphQL request's variables, run one prepared query on a pool of 8, write the same JSON the API writes. No GraphQL
 * parsing, validation, auth or logging; started by side-by-side.bench.ts as a process of its own, so that it does not
 * share an event loop with the load generator. Prints `listening on <port>` once it accepts requests.
 */
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { AS_OF } from './as-of-query';


const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let variables: { key?: string; on?: string | null; knownAt?: string | null };
    try {
      variables = JSON.parse(Buffer.concat(chunks).toString('utf8')).variables ?? {};
    } catch {
      response.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"message":"bad JSON"}]}');
      return;
    }
    pool
      .query({ name: 'policy-in-force', text: AS_OF, values: [variables.key, variables.on ?? null, variables.knownAt ?? null] })
      .then((result) => {
        const body = JSON.stringify({ data: { policyInForce: result.rows[0] ?? null } });
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      })
      .catch((error: Error) => {
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: error.message }] }));
      });
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on ${typeof address === 'object' && address ? address.port : address}`);
});

const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
