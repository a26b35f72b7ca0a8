import { ArgumentsHost, Catch, ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@policy-cms/contract';
import { httpErrorOf } from './error-body';

/**
 * Domain errors on plain HTTP routes (the audit export) answer with a status and the same error shape as GraphQL, and
 * so does a path or method no route serves (Nest's NotFoundException: NOT_FOUND). In GraphQL the error is passed on
 * untouched, to the one error formatter.
 */
@Catch(DomainError, NotFoundException)
export class DomainErrorHttpFilter implements ExceptionFilter {
  catch(error: DomainError | NotFoundException, host: ArgumentsHost) {
    if (host.getType<string>() !== 'http') return error;
    const http = host.switchToHttp();
    const domainError = error instanceof DomainError ? error : noRoute(http.getRequest<Request>());
    const { status, body } = httpErrorOf(domainError);
    http.getResponse<Response>().status(status).json(body);
    return undefined;
  }
}

/** The input boundary has checked the path (well-formed, bounded) before any route could be missed. */
function noRoute(req: Request): DomainError {
  return new DomainError('NOT_FOUND', `nothing answers ${req.method} ${req.path.slice(0, 200)}`);
}
