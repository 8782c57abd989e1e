import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PositionField } from '../../../shared/position-field';

export class ApplicationApprovedAnswer {
  @ApiProperty({ description: 'Application id' }) id: string;
  @ApiProperty({ enum: ['approved'] }) status: 'approved';
  @ApiProperty({ description: 'The new influencer profile (active)' }) influencerId: string;
  @ApiProperty({ description: 'The issued code\'s id' }) codeId: string;
  @ApiProperty({ description: 'The issued code (normalised), valid for code/apply at once', example: 'ANNA10' }) code: string;
  @ApiPropertyOptional({ description: 'Link codes only: <PUBLIC_BASE_URL>/r/<CODE>' }) shareUrl?: string;
  @PositionField() position: string | null;
}
