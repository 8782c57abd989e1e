import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type ReadModelProgress, Logger, Metrics, READ_MODEL_PROGRESS } from '@ledger/runtime';
import { Public } from '../auth/auth.decorators';

/** Prometheus text exposition. Projection lag is refreshed on every scrape. */
@ApiTags('operations')
@Public()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(READ_MODEL_PROGRESS) private readonly progress: ReadModelProgress,
    private readonly log: Logger,
  ) {}

  @Get('metrics')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus metrics (text format 0.0.4)', schema: { type: 'string' } })
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
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
