import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PositionField } from '../../../shared/position-field';

export class CodeIssuedAnswer {
  @ApiProperty({ description: 'Code id' }) id: string;
  @ApiProperty({ description: 'The code as stored (normalised)', example: 'ANNA10' }) code: string;
  @ApiPropertyOptional({ description: 'Link codes only: <PUBLIC_BASE_URL>/r/<CODE>', example: 'https://shop.example/r/ANNA10' }) shareUrl?: string;
  @PositionField() position: string | null;
}
