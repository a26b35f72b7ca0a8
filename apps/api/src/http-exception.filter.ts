import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, HTTP_STATUS_OF } from '@policy-cms/common';

/**
 * Domain errors on plain HTTP routes (the audit export) answer with a status and the same error shape as GraphQL.
 * In GraphQL the error is passed on untouched, to the one error formatter.
 */
@Catch(DomainError)
export class DomainErrorHttpFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost) {
    if (host.getType<string>() !== 'http') return error;
    const response = host.switchToHttp().getResponse<Response>();
    response.status(HTTP_STATUS_OF[error.code]).json({
      errors: [{ message: error.message, extensions: { code: error.code, ...(error.field ? { field: error.field } : {}) } }],
    });
    return undefined;
  }
}
