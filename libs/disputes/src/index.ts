// The disputes context's public surface.
export * from './domain/dispute';
export * from './disputes/dispute-ledger.port';
export * from './disputes/dispute-streams';
export * from './disputes/read-models/dispute-case/dispute-case.table';
export * from './disputes.http.module';
export * from './disputes.projections';
