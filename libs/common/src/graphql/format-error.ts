import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { DomainError, ERROR_CODES, ErrorCode, HTTP_STATUS_OF } from '@policy-cms/contract';
import { domainErrorExtensions } from '../http/error-body';
import { isDatabaseUnavailable } from '@policy-cms/database';

export interface ErrorReporter {
  error(details: Record<string, unknown>, message: string): void;
}

// graphql-js and Apollo report bad documents and bad variables under their own codes; the contract has one.
// An operation that cannot be chosen (two without operationName, an unknown name) and a persisted-query request
// (automatic persisted queries are off) are the client's mistake too.
const BAD_INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
]);
// A framework HttpException (a Nest pipe, the body parser) carries only a status: read the one table backwards, the
// first code of a status winning (400 is BAD_USER_INPUT, not QUERY_TOO_COMPLEX). 500 stays INTERNAL, logged below.
const CODE_OF_STATUS = new Map<number, ErrorCode>(
  [...ERROR_CODES].reverse().filter((code) => code !== 'INTERNAL').map((code) => [HTTP_STATUS_OF[code], code]),
);

/**
 * The one place where failures become `extensions.code`. Domain errors keep their code and fields; anything
 * unexpected is logged in full and answered as INTERNAL with no stack trace, SQL or driver text.
 */
export function createErrorFormatter(reporter: ErrorReporter) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { ...domainErrorExtensions(original), ...original.reason } };
    }

    const httpCode = httpStatusCode(original);
    if (httpCode) return { ...base, message: (original as Error).message, extensions: { code: httpCode } };

    const code = formatted.extensions?.code;
    // graphql-js stops validating a document that would take too much work to check (thousands of selections of one
    // field to compare with each other): a cost, not a mistake of the query's.
    if (code === 'GRAPHQL_VALIDATION_FAILED' && formatted.message === 'Validation aborted.') {
      return { ...base, message: 'the document takes too much work to validate (too many selections to compare)', extensions: { code: 'QUERY_TOO_COMPLEX' } };
    }
    if (typeof code === 'string' && BAD_INPUT_CODES.has(code)) {
      const given = formatted.extensions?.field;
      const field = typeof given === 'string' ? given : faultyField(formatted.message, error);
      return { ...base, extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } };
    }
    if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code) && code !== 'INTERNAL') {
      return { ...base, extensions: { code } };
    }

    // The database down or restarting is a state, not a fault of this request: no log line per request.
    if (isDatabaseUnavailable(original)) return { message: 'The database is unavailable; try again shortly', path: formatted.path, extensions: { code: 'UNAVAILABLE' } };
    reporter.error({ err: original ?? error, path: formatted.path }, 'unexpected error while answering a GraphQL request');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL' } };
  };
}

function unwrap(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError && current.originalError !== current) {
    current = current.originalError;
  }
  return current;
}

function httpStatusCode(error: unknown): ErrorCode | undefined {
  const status = (error as { getStatus?: () => number })?.getStatus?.();
  return typeof status === 'number' ? CODE_OF_STATUS.get(status) : undefined;
}

/** Names the argument or input field at fault: from a variable's coercion message, or from the literal's position. */
function faultyField(message: string, error: unknown): string | undefined {
  const variable = /^Variable "\$(\w+)" got invalid value .*? at "([\w.[\]]+)"/.exec(message);
  if (variable) return variable[2];
  const plainVariable = /^Variable "\$(\w+)"/.exec(message);
  if (plainVariable) return plainVariable[1];
  const argument = /^(?:Field "[\w.]+" argument|Argument) "(\w+)"/.exec(message);
  if (argument) return argument[1];
  if (error instanceof GraphQLError && error.source && error.nodes?.[0]?.loc) {
    const before = error.source.body.slice(0, error.nodes[0].loc.start);
    return /(\w+)\s*:\s*$/.exec(before)?.[1];
  }
  return undefined;
}
