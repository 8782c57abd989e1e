import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { CHANNELS, type Channel } from '@ledger/contracts';
import { Id, OptionalId } from '../../../shared/common.request.dto';
import { MoneyRequest } from '../../../shared/money.request.dto';
import { IsBusinessTime } from '@ledger/http';

export const COST_NOTE_CHARS_MAX = 2_000;

/** `campaign/cost/record`: money spent on a campaign (for ROI). Idempotent by `costId`. */
export class RecordCampaignCostRequest {
  @Id('Campaign id')
  campaignId: string;

  @OptionalId('Your id of this cost: recording it again is a no-op (the same id with other content is 409). Default: a new id.')
  costId?: string;

  @ApiProperty({ type: MoneyRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyRequest)
  amount: MoneyRequest;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ maxLength: COST_NOTE_CHARS_MAX })
  @IsOptional()
  @IsString()
  @Length(1, COST_NOTE_CHARS_MAX)
  note?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the money was spent (default: now)' })
  @IsOptional()
  @IsBusinessTime()
  incurredAt?: string;
}
