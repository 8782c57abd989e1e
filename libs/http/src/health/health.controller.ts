import { Controller, Get, Inject, Optional, Req, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Kysely } from 'kysely';
import { APP_CONFIG, type AppConfig } from '@ledger/config';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { CLOCK, systemClock, type Clock } from '@ledger/kernel';
import { Public } from '../auth/auth.decorators';
import { EFFECTIVE_ROLES, noExtraRoles, type EffectiveRolesLookup } from '../auth/effective-roles';
import { JwtVerifier } from '../auth/jwt-verifier';
import { type ReadModelProgress, DATABASE, Logger, Metrics, READ_MODEL_PROGRESS } from '@ledger/runtime';
import { mayReadHealthDetails, type HealthAccessDependencies } from './health-access';
import { HealthMonitor } from './health-monitor';
import { computeHealth } from './health-report';
import { HealthAnswer } from './health.answer';

/**
 * The clock of the /health cache only. Tests provide it (from a @Global() module) to step the 1 s cache
 * without moving the business clock (CLOCK) of the whole app; default: CLOCK.
 */
export const HEALTH_CLOCK = Symbol('HEALTH_CLOCK');

/**
 * Liveness + readiness for anyone (probes, load balancers): the status alone, 200 `ready`, 503 otherwise.
 * The checks behind it (lags, parked consumers, failing dependencies) only for an auditor/admin/owner JWT
 * or the METRICS_TOKEN. The status is computed at most once per LIMITS.http.healthCacheMs and shared, so
 * anonymous callers cannot multiply its queries (HealthMonitor).
 */
@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  private readonly monitor: HealthMonitor;
  private readonly access: HealthAccessDependencies;

  constructor(
    @Inject(DATABASE) db: Kysely<any>,
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_PROGRESS) progress: ReadModelProgress,
    @Inject(APP_CONFIG) config: AppConfig,
    verifier: JwtVerifier,
    log: Logger,
    metrics: Metrics,
    @Optional() @Inject(CLOCK) clock?: Clock,
    @Optional() @Inject(HEALTH_CLOCK) healthClock?: Clock,
    @Optional() @Inject(EFFECTIVE_ROLES) effectiveRoles?: EffectiveRolesLookup,
  ) {
    const computations = metrics.counter('ledger_health_computations_total', 'Times /health ran its checks (callers within the cache window share one)');
    this.monitor = new HealthMonitor(
      () => {
        computations.inc();
        return computeHealth({ db, eventStore, progress, log });
      },
      healthClock ?? clock ?? systemClock,
    );
    this.access = { verifier, effectiveRoles: effectiveRoles ?? noExtraRoles, clock: clock ?? systemClock, metricsToken: config.metricsToken };
  }

  @Get('health')
  @ApiOperation({
    summary: 'Readiness: the status for anyone; the checks with a detail credential',
    description:
      'No Authorization header: `{ status }` only. `Authorization: Bearer <JWT>` with inf_auditor, inf_admin or inf_owner, or ' +
      '`Bearer <METRICS_TOKEN>`: also `checks` and `computedAt`. A credential that is sent is checked: 401 when invalid, 403 without a ' +
      'detail role. Computed at most once a second; every caller in that second gets the same answer.',
  })
  @ApiOkResponse({ type: HealthAnswer, description: 'Ready' })
  @ApiServiceUnavailableResponse({ type: HealthAnswer, description: 'degraded (events parked) or not_ready (a dependency is down or a projection is stopped)' })
  @ApiUnauthorizedResponse({ description: 'A credential was sent and is neither a valid token nor the metrics token (problem+json)' })
  @ApiForbiddenResponse({ description: 'A valid token without inf_auditor, inf_admin or inf_owner (problem+json)' })
  async health(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<HealthAnswer> {
    // Judge the credential first: a bad one is refused without touching the dependencies.
    const details = await mayReadHealthDetails(req, this.access);
    const report = await this.monitor.current();
    res.status(report.status === 'ready' ? 200 : 503);
    if (report.status === 'not_ready') res.setHeader('Retry-After', '5');
    // Caches in front must not keep a status past its second, nor hand details to the next caller.
    res.setHeader('Cache-Control', 'no-store');
    if (!details) return { status: report.status };
    return { status: report.status, computedAt: report.computedAt.toISOString(), checks: report.checks };
  }
}
