import { ApiProperty } from '@nestjs/swagger';
import { PositionField } from '../../../shared/position-field';

export class CampaignCostRecordedAnswer {
  @ApiProperty() campaignId: string;
  @ApiProperty() costId: string;
  @ApiProperty({ description: 'false when this cost id was already recorded with the same content (nothing appended)' }) recorded: boolean;
  @PositionField() position: string | null;
}
