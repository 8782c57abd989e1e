import { ApiProperty } from '@nestjs/swagger';
import { PositionField } from '../../../shared/position-field';

export class InfluencerRegisteredAnswer {
  @ApiProperty({ description: 'Influencer id' }) id: string;
  @ApiProperty({ enum: ['active'] }) status: 'active';
  @PositionField() position: string | null;
}
