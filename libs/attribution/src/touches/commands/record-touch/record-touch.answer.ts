import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CodeRefusal } from '../../../domain';
import { CODE_REFUSALS } from '../apply-code/apply-code.answer';

export class RecordTouchAnswer {
  @ApiProperty({ description: 'False when the code cannot take touches at `occurredAt` on `channel`; see `reason`.' }) recorded: boolean;
  @ApiPropertyOptional({ enum: CODE_REFUSALS, description: 'Same reasons as code/apply.' }) reason?: CodeRefusal;
  @ApiPropertyOptional({ description: 'Deterministic in (kind, code, customer, instant): the same touch reported twice is recorded once.' }) touchId?: string;
  @ApiPropertyOptional() campaignId?: string;
  @ApiPropertyOptional() influencerId?: string;
  @ApiProperty({ type: String, nullable: true, example: '1234-56' }) position: string | null;
}
