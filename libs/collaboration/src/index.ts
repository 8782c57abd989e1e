// The collaboration context's public surface: the pure domain, the HTTP capability, the read models,
// and the inbox stream name for the inbox-items flow (which appends through inboxItemDecider).
export * from './domain';
export * from './collaboration.http.module';
export * from './collaboration.projections';
export { inboxStream } from './shared/collaboration-streams';
export type { CollaborationTables } from './collaboration.tables';
