import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ModificationMoneyRequest, ModificationReasonRequest } from '../shared/modification.request.dto';

/** `earning/make-good`: a new payable earning of kind make_good — the correction after the lock date. */
export class MakeGoodRequest extends ModificationReasonRequest {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  influencerId: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  campaignId: string;

  @ApiProperty({ type: ModificationMoneyRequest })
  @ValidateNested()
  @Type(() => ModificationMoneyRequest)
  amount: ModificationMoneyRequest;

  @ApiPropertyOptional({ format: 'uuid', description: 'The earning this makes good (its order, channel and level are copied; referenced)' })
  @IsOptional()
  @IsUUID('all')
  earningId?: string;
}
