/** The error codes of the public contract (API.md); every error a client sees carries one of them. */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'QUERY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The one table from a code to the HTTP status it is answered with, on GraphQL and on plain HTTP routes alike.
 * A `Record` over the union: adding a code without its status does not compile.
 */
export const HTTP_STATUS_OF: Readonly<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  QUERY_TOO_COMPLEX: 400,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export interface FieldIssue {
  /** Path of the faulty input, e.g. `on`, `input.effectiveFrom`, `input.content.rows[2].facilityTypes`. */
  field: string;
  /** English, for API clients and logs. */
  message: string;
  /** Why, as a stable code a client can word in its own language (content validation, e.g. `AMOUNT_NEGATIVE`). */
  reason?: string;
  /** The reason's parameters, e.g. `{ value: 'RENEWAL', what: 'procedure' }`. */
  params?: Readonly<Record<string, string | number>>;
}

/**
 * A failure the caller can act on. Services throw it; one global formatter turns it into `extensions.code`
 * (and `extensions.field` / `extensions.issues` for bad input), so no resolver needs a try/catch.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get field(): string | undefined {
    return this.issues[0]?.field;
  }

  /** The first issue's reason and parameters, beside `field`, for clients that read only the first problem. */
  get reason(): { reason: string; params: Readonly<Record<string, string | number>> } | undefined {
    const first = this.issues[0];
    return first?.reason ? { reason: first.reason, params: first.params ?? {} } : undefined;
  }

  static badInput(field: string, message: string): DomainError {
    return new DomainError('BAD_USER_INPUT', message, [{ field, message }]);
  }

  static notFound(what: string): DomainError {
    return new DomainError('NOT_FOUND', `${what} was not found`);
  }

  static conflict(message: string): DomainError {
    return new DomainError('CONFLICT', message);
  }
}

/** SQLSTATEs that mean "somebody else changed this at the same moment": the caller may retry. */
const CONFLICT_SQLSTATES = new Set([
  '23P01', // exclusion_violation: two ledger rows overlapping in effective and record time
  '23505', // unique_violation
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (FOR UPDATE NOWAIT)
]);

/** Turns a database error into the domain's CONFLICT where that is what it means; other errors pass through. */
export function asDomainError(error: unknown): unknown {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ??
    (error as { code?: unknown })?.code;
  if (typeof code === 'string' && CONFLICT_SQLSTATES.has(code)) {
    return DomainError.conflict('another change to the same policy was written at the same moment; reload and retry');
  }
  return error;
}
