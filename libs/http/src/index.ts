// The reusable NestJS edge. Capabilities use: Ctx/RequestContext, Public, Roles,
// RequiresActingRole, ReadOnly, RawTextBody, withPosition, eventMetadataFrom, Logger, Metrics,
// DATABASE, EFFECTIVE_ROLES. Apps use: LedgerRuntimeModule, LedgerHttpModule, createHttpApp.
export * from './auth/auth.decorators';
export * from './auth/effective-roles';
export * from './auth/issue-token';
export * from './auth/jwt-verifier';
export * from './consistency/consistency.gate';
export * from './consistency/consistency-from-catalog.decorator';
export * from './consistency/with-position';
export * from './context/ctx.decorator';
export * from './context/event-metadata';
export * from './context/request-context';
export * from './docs/openapi';
export * from './errors/edge-errors';
export * from './errors/problem';
export * from './http-app';
export * from './http.module';
export * from './idempotency/http-idempotency.table';
export * from './idempotency/idempotency.store';
export * from './idempotency/idempotency-retention.module';
export * from './observability/logger';
export * from './observability/metered-event-store';
export * from './observability/metrics';
export * from './routing/raw-text-body.decorator';
export { appRoutes, type AppRoute } from './routing/route-table';
export * from './routing/read-only.decorator';
export * from './runtime/ledger-runtime';
export * from './runtime/read-model-progress';
export * from './runtime/ledger-runtime.module';
export * from './runtime/tokens';
export * from './validation/business-time.decorator';
export * from './validation/field-problems';
export * from './validation/iso-currency.decorator';
export * from './whoami/whoami.controller';
export * from './rate-limit/token-buckets';
export * from './observability/transaction-age-metrics';
