import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@ledger/config';
import { requireMetricsToken } from '../health/health-access';
import { type ReadModelProgress, Logger, Metrics, READ_MODEL_PROGRESS } from '@ledger/runtime';
import { Public } from '../auth/auth.decorators';

/**
 * Prometheus text exposition. Projection lag is refreshed on every scrape. @Public() for the JWT guard:
 * with METRICS_TOKEN set, the scraper's static bearer is checked here instead (a scraper holds no JWT).
 */
@ApiTags('operations')
@Public()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(READ_MODEL_PROGRESS) private readonly progress: ReadModelProgress,
    private readonly log: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('metrics')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics', description: 'With METRICS_TOKEN set: `Authorization: Bearer <METRICS_TOKEN>` required, else 401.' })
  @ApiOkResponse({ description: 'Prometheus metrics (text format 0.0.4)', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and the request does not carry it (problem+json)' })
  async scrape(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    // Before any query: an unauthorised scrape costs nothing.
    requireMetricsToken(req, this.config.metricsToken);
    try {
      const [statuses, parked] = await Promise.all([this.progress.status(), this.progress.parked()]);
      this.metrics.recordProjections(statuses);
      this.metrics.recordParked(statuses.map((s) => s.name), parked);
    } catch (error) {
      // Metrics must still answer when the projection state cannot be read; the lag gauges keep their last value.
      this.log.warn('metrics: projection status unavailable', { err: error });
    }
    res.setHeader('Content-Type', this.metrics.contentType());
    return this.metrics.render();
  }
}
