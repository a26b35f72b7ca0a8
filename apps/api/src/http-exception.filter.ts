import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from '@policy-cms/common';

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  QUERY_TOO_COMPLEX: 400,
  INTERNAL: 500,
};

/**
 * Domain errors on plain HTTP routes (the audit export) answer with a status and the same error shape as GraphQL.
 * In GraphQL the error is passed on untouched, to the one error formatter.
 */
@Catch(DomainError)
export class DomainErrorHttpFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost) {
    if (host.getType<string>() !== 'http') return error;
    const response = host.switchToHttp().getResponse<Response>();
    response.status(STATUS[error.code]).json({
      errors: [{ message: error.message, extensions: { code: error.code, ...(error.field ? { field: error.field } : {}) } }],
    });
    return undefined;
  }
}
