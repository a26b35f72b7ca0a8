// The pure contract every layer shares: error codes and their HTTP statuses, well-formed input, roles. No framework.
export * from './domain-error';
export * from './well-formed-input';
export * from './roles';
export * from './clock.token';
export * from './record-time';
export * from './audit-actions';
