export * from './embedded-postgres';
export * from './database-url';
export * from './data-source-options';
export * from './snake-naming.strategy';
export * from './migrate';
export * from './roles';
export * from './unavailable';
export * from './generate-migration';
