import { DomainError, HTTP_STATUS_OF } from '@policy-cms/contract';

/** The error shape of the contract, `{ errors: [{ message, extensions: { code, field?, issues? } }] }`. */
export interface ErrorBody {
  errors: { message: string; extensions: Record<string, unknown> }[];
}

/** The extensions every transport gives a domain error: its code, and for bad input the field at fault. */
export function domainErrorExtensions(error: DomainError): Record<string, unknown> {
  return {
    code: error.code,
    ...(error.field ? { field: error.field } : {}),
    ...(error.issues.length > 0 ? { issues: error.issues } : {}),
  };
}

/** A domain error as a plain HTTP answer: the status from the one table, and the same body GraphQL would give. */
export function httpErrorOf(error: DomainError): { status: number; body: ErrorBody } {
  return { status: HTTP_STATUS_OF[error.code], body: { errors: [{ message: error.message, extensions: domainErrorExtensions(error) }] } };
}
