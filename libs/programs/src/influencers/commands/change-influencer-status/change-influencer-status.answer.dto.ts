import { ApiProperty } from '@nestjs/swagger';
import { PositionField } from '../../../shared/position-field';
import type { RegisteredStatus } from '../../../domain';

export class InfluencerStatusChangedAnswer {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['active', 'suspended', 'terminated'] }) status: RegisteredStatus;
  @PositionField() position: string | null;
}
