export * from './domain-error';
export * from './graphql/date.scalar';
export * from './graphql/date-time.scalar';
export * from './graphql/format-error';
export * from './graphql/query-cost';
export * from './clock.token';
export * from './auth';
