export * from './database';
export * from './embedded-postgres';
export * from './migrate';
export * from './test-database';
