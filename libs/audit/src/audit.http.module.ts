import { Module } from '@nestjs/common';
import { ProjectionStatusController } from './audit/queries/projection-status/projection-status.http.controller';
import { ReadStreamController } from './audit/queries/read-stream/read-stream.http.controller';

/** Audit queries over HTTP: raw stream history and projection status. */
@Module({ controllers: [ReadStreamController, ProjectionStatusController] })
export class AuditHttpModule {}
