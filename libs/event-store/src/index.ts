export * from './event-store.port';
export * from './errors';
export * from './stream-name';
export * from './command-execution';
export * from './postgres/postgres-event-store';
export * from './eventstoredb/eventstoredb-event-store';
export * from './abortable-delay';
export * from './postgres/xid-horizon';
