// The statements context's public surface.
export * from './domain/statement/ledger-facts';
export * from './domain/statement/statement-calculation';
export * from './domain/statement/statement-series.decider';
export * from './statements/read-models/statement-lines/statement-lines.projection';
export * from './statements/read-models/statement-lines/statement-lines.table';
export * from './statements/read-models/statement/statement.projection';
export * from './statements/read-models/statement/statement.table';
export * from './statements.projections';
export * from './statements.http.module';
// Benchmark support: the issuing services, constructed outside Nest.
export { GenerateStatementHandler } from './statements/commands/generate-statement/generate-statement.handler';
export { RunStatementsHandler } from './statements/commands/run-statements/run-statements.handler';
