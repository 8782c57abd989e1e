// The HTTP edge only. Capabilities' controllers use: Ctx, Public, Roles, RequiresActingRole,
// ReadOnly, RawTextBody, withPosition, EFFECTIVE_ROLES. Apps use: LedgerHttpModule, createHttpApp.
// What workers share with apps (DATABASE, Logger, Metrics, RequestContext, eventMetadataFrom,
// LedgerRuntimeModule) lives in @ledger/runtime, so worker code never imports this lib.
export * from './auth/auth.decorators';
export * from './auth/effective-roles';
export * from './auth/issue-token';
export * from './auth/jwt-verifier';
export * from './auth/partner-scope';
export * from './consistency/consistency.gate';
export * from './consistency/consistency-from-catalog.decorator';
export * from './consistency/with-position';
export * from './context/ctx.decorator';
export * from './docs/openapi';
export * from './errors/edge-errors';
export * from './errors/problem';
export * from './http-app';
export * from './http.module';
export * from './idempotency/http-idempotency.table';
export * from './idempotency/idempotency.store';
export * from './idempotency/idempotency-retention.module';
export * from './routing/raw-text-body.decorator';
export { appRoutes, moduleRoutes, routeKey, type AppRoute } from './routing/route-table';
export * from './routing/role-table';
export * from './routing/read-only.decorator';
export * from './validation/business-time.decorator';
export * from './validation/field-problems';
export * from './validation/iso-currency.decorator';
export * from './whoami/whoami.controller';
export * from './rate-limit/token-buckets';
