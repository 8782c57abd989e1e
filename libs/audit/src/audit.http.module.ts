import { Module } from '@nestjs/common';
import { ProjectionStatusController } from './audit/queries/projection-status/projection-status.http.controller';
import { ReadEventsController } from './audit/queries/read-events/read-events.http.controller';
import { ReadStreamController } from './audit/queries/read-stream/read-stream.http.controller';
import { VerifyReadModelsController } from './audit/queries/verify-read-models/verify-read-models.http.controller';

/** Audit queries over HTTP: raw stream history, $all of the org, projection status, read-model verify. */
@Module({ controllers: [ReadStreamController, ProjectionStatusController, ReadEventsController, VerifyReadModelsController] })
export class AuditHttpModule {}
