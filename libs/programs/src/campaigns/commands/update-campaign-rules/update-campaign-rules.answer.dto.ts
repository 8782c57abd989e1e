import { ApiProperty } from '@nestjs/swagger';
import { PositionField } from '../../../shared/position-field';

export class CampaignRulesChangedAnswer {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The new version (previous + 1)' }) rulesVersion: number;
  @ApiProperty({ format: 'date-time' }) effectiveFrom: string;
  @PositionField() position: string | null;
}
