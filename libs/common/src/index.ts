// The API's edge, bound to NestJS and GraphQL: role decorators, scalars, the error formatter, the input boundary.
// The pure contract underneath is re-exported, so a feature lib imports one name.
export * from '@policy-cms/contract';
export * from './graphql/date.scalar';
export * from './graphql/enum-of';
export * from './graphql/date-time.scalar';
export * from './graphql/format-error';
export * from './graphql/query-cost';
export * from './auth';
export * from './http/error-body';
export * from './http/domain-error.filter';
export * from './http/input-boundary';
export * from './graphql/id-args';
export * from './http/read-freshness';
export * from './http/request-instant';
