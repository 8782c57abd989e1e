import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { ModificationMoneyRequest, ModificationReasonRequest } from '../shared/modification.request.dto';

/** `earning/adjust`: a new commission amount, or a corrected commission base to recalculate (one of the two). */
export class AdjustEarningRequest extends ModificationReasonRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  earningId: string;

  @ApiPropertyOptional({ type: ModificationMoneyRequest, description: "The new commission, in the earning's own currency (another → 400)" })
  @IsOptional()
  @ValidateNested()
  @Type(() => ModificationMoneyRequest)
  amount?: ModificationMoneyRequest;

  @ApiPropertyOptional({ description: 'The corrected commission base (minor units of the earning currency), recalculated with the recorded rules version', minimum: 0, maximum: LIMITS.domain.moneyMinorMax })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(LIMITS.domain.moneyMinorMax)
  commissionBase?: number;

  @ApiPropertyOptional({ default: false, description: "Recalculate with today's terms instead of the recorded version (recorded on the event)" })
  @IsOptional()
  @IsBoolean()
  applyCurrentTerms?: boolean;
}
