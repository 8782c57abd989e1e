import { ApiProperty } from '@nestjs/swagger';
import { PositionField } from '../../../shared/position-field';

export class CampaignCreatedAnswer {
  @ApiProperty({ description: 'Campaign id' }) id: string;
  @ApiProperty({ enum: ['draft'] }) status: 'draft';
  @ApiProperty({ enum: [1] }) rulesVersion: 1;
  @PositionField() position: string | null;
}
