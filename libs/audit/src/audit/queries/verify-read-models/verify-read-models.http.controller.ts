import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ReadOnly, Roles } from '@ledger/http';
import { Conflict, LIMITS, NotFound, Unavailable } from '@ledger/kernel';
import { READ_MODEL_VERIFIER, type ReadModelVerifier } from '@ledger/runtime';
import { VerifyReadModelsRequest } from './verify-read-models.request.dto';

export class VerifiedProjection {
  @ApiProperty() name: string;
  @ApiProperty({ description: '`<table>=<rows>:<checksum>` per table of the live read model, `;`-separated' }) live: string;
  @ApiProperty({ description: 'The same, of the tables rebuilt from the event history up to the live checkpoint' }) rebuilt: string;
  @ApiProperty() equal: boolean;
}

export class VerifyReadModelsAnswer {
  @ApiProperty({ description: 'Every verified projection equals its rebuild' }) equal: boolean;
  @ApiProperty({ type: [VerifiedProjection] }) projections: VerifiedProjection[];
}

/**
 * The auditor's proof that read models are a function of the history: each projection is replayed
 * beside its live tables (paused meanwhile, still answering reads) and compared by checksum. Bounded:
 * LIMITS.audit.verifyTimeoutMs and verifyEventsMax per request (the CLI verifies larger histories);
 * a client that disconnects cancels it. Checksums cover every org's rows and reveal none of them.
 */
@ApiTags('audit')
@Controller('influencer/audit')
export class VerifyReadModelsController {
  constructor(@Inject(READ_MODEL_VERIFIER) private readonly verifier: ReadModelVerifier | null) {}

  @Post('verify')
  @ReadOnly()
  @Roles('inf_auditor', 'inf_owner', 'inf_admin')
  @ApiOperation({ summary: 'Rebuild-vs-live checksum of every read model (or one): equal or not, per projection' })
  @ApiOkResponse({ type: VerifyReadModelsAnswer })
  async verify(@Body() body: VerifyReadModelsRequest): Promise<VerifyReadModelsAnswer> {
    if (!this.verifier) throw new Unavailable('AUDIT.VERIFY_UNAVAILABLE', 'This process cannot verify read models.');
    if (body.projection !== undefined && !this.verifier.names().includes(body.projection)) {
      throw new NotFound('AUDIT.PROJECTION_NOT_FOUND', `No projection ${body.projection}.`);
    }
    const signal = AbortSignal.timeout(LIMITS.audit.verifyTimeoutMs);
    try {
      const projections = await this.verifier.verify({
        ...(body.projection !== undefined ? { projection: body.projection } : {}),
        signal,
        maxEvents: LIMITS.audit.verifyEventsMax,
        pauseWaitMs: LIMITS.audit.verifyPauseWaitMs,
      });
      return { equal: projections.every((p) => p.equal), projections };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'PROJECTIONS.REPLAY_TOO_LARGE') throw new Conflict('AUDIT.VERIFY_TOO_LARGE', (error as Error).message);
      if (code === 'PROJECTIONS.BUSY') throw new Conflict('AUDIT.VERIFY_BUSY', (error as Error).message);
      if (signal.aborted) throw new Unavailable('AUDIT.VERIFY_TIMEOUT', `Verify took longer than ${LIMITS.audit.verifyTimeoutMs} ms and was cancelled; use the CLI.`, 60);
      throw error;
    }
  }
}
