import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@policy-cms/contract';
import { httpErrorOf } from './error-body';

/**
 * Domain errors on plain HTTP routes (the audit export) answer with a status and the same error shape as GraphQL.
 * In GraphQL the error is passed on untouched, to the one error formatter.
 */
@Catch(DomainError)
export class DomainErrorHttpFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost) {
    if (host.getType<string>() !== 'http') return error;
    const { status, body } = httpErrorOf(error);
    host.switchToHttp().getResponse<Response>().status(status).json(body);
    return undefined;
  }
}
