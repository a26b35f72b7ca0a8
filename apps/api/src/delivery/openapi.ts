/**
 * The OpenAPI 3.1 document of the snapshots over plain HTTP, written by hand: three routes do not need a generator,
 * and the controller takes its list of query parameters from here, so the two cannot drift. It is served at
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
    title: 'policy-cms snapshots',
    version: '1',
    description:
      'The rules in force on a day, as the record stood at an instant: the same answers as the GraphQL reads ' +
      'rulesInForce and policyInForce, as plain, cacheable JSON. Anonymous and read-only.',
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
