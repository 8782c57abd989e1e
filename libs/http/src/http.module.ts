import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import type { Kysely } from 'kysely';
import { APP_CONFIG, type AppConfig } from '@ledger/config';
import { AuthGuard } from './auth/auth.guard';
import { JwtVerifier } from './auth/jwt-verifier';
import { ConsistencyGate } from './consistency/consistency.gate';
import { ProblemFilter } from './errors/problem.filter';
import { HealthController } from './health/health.controller';
import { IdempotencyGuard } from './idempotency/idempotency.guard';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { MetricsController } from './observability/metrics.controller';
import { DATABASE } from '@ledger/runtime';
import { createValidationPipe } from './validation/validation.pipe';
import { WhoamiController } from './whoami/whoami.controller';

/**
 * The HTTP edge, applied to every controller of the app: auth guard + request context,
 * validation, problem+json for every error, Idempotency-Key and
 * X-Consistency-Position; plus /health, /metrics and /influencer/whoami.
 * Needs LedgerRuntimeModule (global) for config, database, event store, progress, logger, metrics.
 * Guards run in the order listed: auth, the Idempotency-Key claim (a replay answers at once),
 * then the consistency wait. No interceptors on purpose: Nest wraps every interceptor of a route
 * in rxjs and AsyncResource.bind on every request, which kept whole request graphs alive into the
 * old generation (docs/performance.md); command latency is observed by the request log, and the
 * idempotent answer is recorded by the two writers of answers (ExpressServerAdapter.reply and
 * ProblemFilter).
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [HealthController, MetricsController, WhoamiController],
  providers: [
    {
      provide: JwtVerifier,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new JwtVerifier({
          secret: config.auth.jwtSecret,
          jwksUrl: config.auth.jwksUrl,
          issuer: config.auth.issuer,
          audience: config.auth.audience,
          maxLifetimeSeconds: config.auth.maxLifetimeHours * 3_600,
        }),
    },
    { provide: IdempotencyStore, inject: [DATABASE], useFactory: (db: Kysely<any>) => new IdempotencyStore(db) },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: IdempotencyGuard },
    { provide: APP_GUARD, useClass: ConsistencyGate },
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
  exports: [IdempotencyStore, JwtVerifier],
})
export class LedgerHttpModule {}
