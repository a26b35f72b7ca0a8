/**
 * The OpenAPI 3.1 document of delivery over plain HTTP (the snapshots and the change feed), written by hand: a few
 * routes do not need a generator, and the snapshot controller takes its list of query parameters from here, so the
 * two cannot drift. It is served at
 * GET /v1/openapi.json and committed as apps/api/openapi.json (test/openapi-schema.e2e-spec.ts keeps it current).
 */

const dateParameter = {
  name: 'on',
  in: 'query',
  required: false,
  description: 'The day asked about, in Japan (YYYY-MM-DD). Default: today in Asia/Tokyo.',
  schema: { type: 'string', format: 'date', example: '2025-10-01' },
} as const;

const knownAtParameter = {
  name: 'knownAt',
  in: 'query',
  required: false,
  description:
    'Read the record as it stood at this instant (ISO 8601 with Z or an offset). Default: now. Later than now is refused.',
  schema: { type: 'string', format: 'date-time', example: '2025-05-01T00:00:00+09:00' },
} as const;

const ifNoneMatchParameter = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'An ETag of an earlier answer: 304 without a body when the answer is still the same.',
  schema: { type: 'string' },
} as const;

const afterParameter = {
  name: 'after',
  in: 'query',
  required: false,
  description: 'Resume after this cursor (an event’s cursor, or a page’s endCursor). Default: before the first event.',
  schema: { type: 'string', pattern: '^[0-9]+$', example: '42' },
} as const;

const responseHeaders = {
  ETag: { description: 'Strong; one per content coding.', schema: { type: 'string' } },
  'Last-Modified': { description: 'The watermark, when there is one.', schema: { type: 'string' } },
  'Cache-Control': {
    description:
      'Explicit past knownAt and explicit on: public, max-age=31536000, immutable. As of now: public, max-age=N, ' +
      'stale-while-revalidate=N (N: SNAPSHOT_MAX_AGE_SECONDS), never past the next Tokyo midnight when on was left out.',
    schema: { type: 'string' },
  },
  Vary: { description: 'Accept-Encoding (gzip and br are served when asked).', schema: { type: 'string' } },
} as const;

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
});

const momentProperties = {
  on: { type: 'string', format: 'date', description: 'The day the answer is about.' },
  knownAt: {
    type: ['string', 'null'],
    format: 'date-time',
    description:
      'The instant whose record is read: the one asked for, or, as of now, the watermark (nothing was recorded ' +
      'since, so the answer is the same, and asking again with this knownAt gives the same bytes); null when nothing ' +
      'has been recorded.',
  },
  watermark: {
    type: ['string', 'null'],
    format: 'date-time',
    description:
      'The latest ledger record instant at or before knownAt that the answer reflects (of every policy for /v1/rules, ' +
      'of the policy for /v1/policies/{key}); null when none.',
  },
} as const;

export const SNAPSHOT_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'policy-cms delivery',
    version: '1',
    description:
      'The rules in force on a day, as the record stood at an instant: the same answers as the GraphQL reads ' +
      'rulesInForce and policyInForce, as plain, cacheable JSON; and the change feed (PUBLISHED, WITHDRAWN, ' +
      'TOOK_EFFECT) as pages and as a live Server-Sent Events stream. Anonymous and read-only.',
  },
  paths: {
    '/v1/rules': {
      get: {
        operationId: 'rulesInForce',
        summary: "Every policy's version in force",
        parameters: [dateParameter, knownAtParameter, ifNoneMatchParameter],
        responses: {
          '200': {
            description: 'The versions in force, in the policies’ order (section, key); policies with none are left out.',
            headers: responseHeaders,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/RulesSnapshot' } } },
          },
          '304': { description: 'Not modified: the ETag in If-None-Match is still the answer.', headers: responseHeaders },
          '400': errorResponse('BAD_USER_INPUT: a bad on or knownAt, a knownAt in the future, an unknown parameter.'),
          '503': errorResponse('UNAVAILABLE: the database is away; retry.'),
        },
      },
    },
    '/v1/policies/{key}': {
      get: {
        operationId: 'policyInForce',
        summary: "One policy's version in force",
        parameters: [
          { name: 'key', in: 'path', required: true, description: 'The policy key.', schema: { type: 'string', example: 'myna.card-renewal' } },
          dateParameter,
          knownAtParameter,
          ifNoneMatchParameter,
        ],
        responses: {
          '200': {
            description: 'The policy and its version in force (null when none is).',
            headers: responseHeaders,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PolicySnapshot' } } },
          },
          '304': { description: 'Not modified: the ETag in If-None-Match is still the answer.', headers: responseHeaders },
          '400': errorResponse('BAD_USER_INPUT: a bad on or knownAt, a knownAt in the future, an unknown parameter.'),
          '404': errorResponse('NOT_FOUND: no policy has this key.'),
          '503': errorResponse('UNAVAILABLE: the database is away; retry.'),
        },
      },
    },
    '/v1/changes': {
      get: {
        operationId: 'changeFeed',
        summary: 'A page of the change feed',
        description:
          'Events in commit order after a cursor. Resume with the endCursor of the last page (an empty page keeps ' +
          'your cursor). Same events as the GraphQL changeFeed and the stream.',
        parameters: [
          afterParameter,
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: 'Page size, 1 to 1000. Default: 100.',
            schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
          ifNoneMatchParameter,
        ],
        responses: {
          '200': {
            description: 'The page.',
            headers: {
              ETag: { description: 'Strong.', schema: { type: 'string' } },
              'Cache-Control': {
                description:
                  'A full page (hasNextPage true) never changes: public, max-age=31536000, immutable. Any other ' +
                  'page may gain events at any moment: public, no-cache (revalidate with the ETag).',
                schema: { type: 'string' },
              },
            },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ChangeFeedPage' } } },
          },
          '304': { description: 'Not modified: the ETag in If-None-Match is still the answer.' },
          '400': errorResponse('BAD_USER_INPUT: a malformed after, a limit out of range, an unknown parameter.'),
          '503': errorResponse('UNAVAILABLE: the database is away; retry.'),
        },
      },
    },
    '/v1/changes/stream': {
      get: {
        operationId: 'changeStream',
        summary: 'The change feed, live (Server-Sent Events)',
        description:
          'One message per event: `id:` the cursor, `event:` the type, `data:` the event as JSON (as in /v1/changes). ' +
          'Starts after the Last-Event-ID header (an EventSource sends it when it reconnects), else after `after`, ' +
          'else at the current end (only new events). A comment line is sent as a heartbeat every ' +
          'CHANGE_STREAM_HEARTBEAT_SECONDS; `retry:` suggests the reconnection delay. A client that does not read ' +
          'is disconnected and resumes with Last-Event-ID: nothing is missed or repeated.',
        parameters: [
          afterParameter,
          {
            name: 'Last-Event-ID',
            in: 'header',
            required: false,
            description: 'The id of the last event received: the stream resumes after it (wins over after).',
            schema: { type: 'string', pattern: '^[0-9]+$' },
          },
        ],
        responses: {
          '200': {
            description: 'The stream (text/event-stream), open until the client or the server closes it.',
            content: { 'text/event-stream': { schema: { type: 'string', example: 'id: 42\nevent: PUBLISHED\ndata: {"cursor":"42",...}\n\n' } } },
          },
          '400': errorResponse('BAD_USER_INPUT: a malformed after or Last-Event-ID, an unknown parameter.'),
          '503': errorResponse('UNAVAILABLE: this instance serves CHANGE_STREAM_MAX_CLIENTS streams already, or the database is away; retry (see Retry-After).'),
        },
      },
    },
    '/v1/openapi.json': {
      get: {
        operationId: 'openApiDocument',
        summary: 'This document',
        responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  },
  components: {
    schemas: {
      RulesSnapshot: {
        type: 'object',
        required: ['on', 'knownAt', 'watermark', 'rules'],
        additionalProperties: false,
        properties: { ...momentProperties, rules: { type: 'array', items: { $ref: '#/components/schemas/PolicyVersion' } } },
      },
      PolicySnapshot: {
        type: 'object',
        required: ['on', 'knownAt', 'watermark', 'policy', 'version'],
        additionalProperties: false,
        properties: {
          ...momentProperties,
          policy: { $ref: '#/components/schemas/Policy' },
          version: { oneOf: [{ $ref: '#/components/schemas/PolicyVersion' }, { type: 'null' }] },
        },
      },
      Policy: {
        type: 'object',
        required: ['key', 'kind', 'title', 'section'],
        additionalProperties: false,
        properties: {
          key: { type: 'string' },
          kind: { type: 'string', description: 'The kind of content (see the GraphQL policyKinds for each JSON Schema).' },
          title: { type: 'string' },
          section: { type: 'string' },
        },
      },
      PolicyVersion: {
        type: 'object',
        description: 'As the GraphQL PolicyVersion: effectiveFrom/effectiveThrough are those of the segment in force.',
        required: [
          'id', 'policyKey', 'number', 'status', 'effectiveFrom', 'effectiveThrough', 'versionEffectiveFrom',
          'versionEffectiveThrough', 'content', 'summary', 'recordedAt', 'supersededAt', 'demo',
        ],
        additionalProperties: false,
        properties: {
          id: { type: 'string', format: 'uuid' },
          policyKey: { type: 'string' },
          number: { type: 'integer' },
          status: { type: 'string', enum: ['PUBLISHED'] },
          effectiveFrom: { type: 'string', format: 'date', description: 'First day in force (Japan calendar).' },
          effectiveThrough: { type: ['string', 'null'], format: 'date', description: 'Last day in force, inclusive; null: open-ended.' },
          versionEffectiveFrom: { type: 'string', format: 'date', description: 'First day of the version’s own range.' },
          versionEffectiveThrough: { type: ['string', 'null'], format: 'date', description: 'Last day of the version’s own range; null: open-ended.' },
          content: { type: 'object', description: 'The rule, shaped by the policy kind.' },
          summary: { type: 'string', description: 'Change note, naming its source.' },
          recordedAt: { type: ['string', 'null'], format: 'date-time', description: 'When the public record started to say this.' },
          supersededAt: {
            type: ['string', 'null'],
            format: 'date-time',
            description: 'When the record stopped saying this, as known at knownAt: always null in a snapshot.',
          },
          demo: { type: 'boolean', description: 'Invented demonstration data, never a real event.' },
        },
      },
      ChangeFeedPage: {
        type: 'object',
        required: ['events', 'endCursor', 'hasNextPage'],
        additionalProperties: false,
        properties: {
          events: { type: 'array', items: { $ref: '#/components/schemas/ChangeEvent' } },
          endCursor: { type: ['string', 'null'], description: 'Cursor of the last event of the page; null when it is empty.' },
          hasNextPage: { type: 'boolean', description: 'True when more events follow this page now.' },
        },
      },
      ChangeEvent: {
        type: 'object',
        description: 'One public event, as every channel carries it (pages, stream, webhook bodies).',
        required: [
          'cursor', 'id', 'type', 'policyKey', 'versionId', 'versionNumber', 'effectiveFrom', 'effectiveThrough',
          'recordedAt', 'retroactive', 'day', 'emittedAt',
        ],
        additionalProperties: false,
        properties: {
          cursor: { type: 'string', description: 'Opaque position in the feed: resume after it (after, Last-Event-ID).' },
          id: { type: 'string', format: 'uuid', description: 'Stable id of the event.' },
          type: { type: 'string', enum: ['PUBLISHED', 'WITHDRAWN', 'TOOK_EFFECT'] },
          policyKey: { type: 'string' },
          versionId: {
            type: ['string', 'null'],
            format: 'uuid',
            description: 'The version concerned; for TOOK_EFFECT the one in force from day on (null: none).',
          },
          versionNumber: { type: ['integer', 'null'] },
          effectiveFrom: {
            type: ['string', 'null'],
            format: 'date',
            description: 'PUBLISHED, WITHDRAWN: the version’s first day; TOOK_EFFECT: the first day of the segment now in force.',
          },
          effectiveThrough: { type: ['string', 'null'], format: 'date', description: 'Last day in force, inclusive; null: open-ended.' },
          recordedAt: { type: 'string', format: 'date-time', description: 'Record instant of the change, or of the segment now in force.' },
          retroactive: { type: ['boolean', 'null'], description: 'PUBLISHED only: true when it corrects days already begun (Tokyo).' },
          day: { type: ['string', 'null'], format: 'date', description: 'TOOK_EFFECT only: the Tokyo day that began.' },
          emittedAt: { type: 'string', format: 'date-time', description: 'When the event was written.' },
        },
      },
      ErrorBody: {
        type: 'object',
        required: ['errors'],
        properties: {
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message', 'extensions'],
              properties: {
                message: { type: 'string' },
                extensions: {
                  type: 'object',
                  required: ['code'],
                  properties: {
                    code: { type: 'string', example: 'BAD_USER_INPUT' },
                    field: { type: 'string', description: 'The parameter at fault, for BAD_USER_INPUT.' },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** The query parameters a snapshot route takes, from the document: anything else is refused as bad input. */
export const SNAPSHOT_QUERY_PARAMETERS: readonly string[] = SNAPSHOT_OPENAPI.paths['/v1/rules'].get.parameters
  .filter((parameter) => parameter.in === 'query')
  .map((parameter) => parameter.name);

/** The committed file's text: the document, two-space indented, with a final newline. */
export function openApiText(): string {
  return `${JSON.stringify(SNAPSHOT_OPENAPI, null, 2)}\n`;
}
