// A policy-cms consumer in plain Node (18+): webhooks, verified and idempotent, and the live change stream, resumed.
//   WEBHOOK_SECRET=whsec_… PORT=8787 API_URL=http://localhost:3000 node examples/webhook-consumer.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const { WEBHOOK_SECRET = '', PORT = '8787', API_URL = 'http://localhost:3000' } = process.env;
const key = Buffer.from(WEBHOOK_SECRET.replace(/^whsec_/, ''), 'base64');
const seen = new Set(); // webhook-ids already handled: retries repeat them (keep these where your data is)
const handle = (event, via) => console.log(JSON.stringify({ via, id: event.id, type: event.type, policyKey: event.policyKey }));

// Standard Webhooks: HMAC-SHA256 of "id.timestamp.body"; any of the space-separated v1 signatures may match.
function verified({ 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': signatures = '' }, body) {
  if (!id || !(Math.abs(Date.now() / 1000 - Number(ts)) <= 300)) return false;
  const expected = Buffer.from(`v1,${createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64')}`);
  return signatures.split(' ').some((s) => s.length === expected.length && timingSafeEqual(Buffer.from(s), expected));
}

createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8').on('data', (chunk) => (body += chunk).length > 1e6 && req.destroy()).on('end', () => { // events are small
    if (!verified(req.headers, body)) return res.writeHead(401).end();
    const id = req.headers['webhook-id'];
    if (seen.has(id)) console.log(JSON.stringify({ via: 'webhook', repeat: id }));
    else handle(JSON.parse(body), 'webhook'), seen.add(id);
    res.writeHead(204).end(); // 2xx also for a repeat: it was handled the first time
  });
}).listen(Number(PORT), function () { console.log(JSON.stringify({ listening: this.address().port })); });

// The SSE stream: every event once, in order; after a drop, resume after the last id seen (Last-Event-ID).
for (let lastId = '', buffer = ''; ; buffer = '', await new Promise((wait) => setTimeout(wait, 1000))) {
  try {
    const stream = await fetch(`${API_URL}/v1/changes/stream`, { headers: lastId ? { 'last-event-id': lastId } : {} });
    for await (const text of stream.body.pipeThrough(new TextDecoderStream())) {
      const messages = (buffer += text).split('\n\n');
      buffer = messages.pop();
      for (const message of messages) {
        const field = (name) => message.match(new RegExp(`^${name}: ?(.*)$`, 'm'))?.[1];
        if (field('id') !== undefined) lastId = field('id'); // the first block names where the stream starts
        if (field('data')) handle(JSON.parse(field('data')), 'stream');
      }
    }
  } catch (error) { console.error(JSON.stringify({ streamError: String(error) })); }
}
