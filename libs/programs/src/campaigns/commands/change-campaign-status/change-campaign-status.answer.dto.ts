import { ApiProperty } from '@nestjs/swagger';
import { type CampaignStatus } from '@ledger/contracts';
import { PositionField } from '../../../shared/position-field';

export class CampaignStatusChangedAnswer {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['active', 'paused', 'closed'] }) status: CampaignStatus;
  @PositionField() position: string | null;
}
