export * from './projection';
export * from './projection-checkpoint.table';
export * from './checkpoint';
export * from './advisory-locks';
export * from './logger';
export * from './projection-registry';
export * from './projection-progress';
export * from './projection-runner';
export * from './rebuild';
export * from './audit-stream/audit-stream.table';
export * from './audit-stream/audit-stream.projection';
// Last: registry.ts imports capability libraries, which may import this index back.
export * from './registry';
