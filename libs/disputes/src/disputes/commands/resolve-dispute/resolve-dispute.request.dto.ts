import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsIsoCurrency } from '@ledger/http';
import { LIMITS } from '@ledger/kernel';
import { DisputeIdRequest } from '../shared/dispute-id.request.dto';

export class ResolutionMoneyRequest {
  @ApiProperty({ minimum: 1, maximum: LIMITS.domain.moneyMinorMax })
  @IsInt()
  @Min(1)
  @Max(LIMITS.domain.moneyMinorMax)
  amount: number;

  @ApiProperty({ example: 'EUR' })
  @IsString()
  @IsIsoCurrency()
  currency: string;
}

export class DisputeResolutionRequest {
  @ApiProperty({ enum: ['adjust', 'reassign', 'no_change'], description: 'adjust: the earning gets `amount`; reassign: the earning is reversed and what was left of it goes to `influencerId` as a make-good; no_change' })
  @IsIn(['adjust', 'reassign', 'no_change'])
  kind: 'adjust' | 'reassign' | 'no_change';

  @ApiPropertyOptional({ type: ResolutionMoneyRequest, description: 'adjust: the new commission, in the earning\'s currency' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResolutionMoneyRequest)
  amount?: ResolutionMoneyRequest;

  @ApiPropertyOptional({ maxLength: 200, description: 'reassign: the influencer the earning is re-attributed to' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  influencerId?: string;
}

/** `dispute/resolve`. */
export class ResolveDisputeRequest extends DisputeIdRequest {
  @ApiProperty({ type: DisputeResolutionRequest })
  @ValidateNested()
  @Type(() => DisputeResolutionRequest)
  resolution: DisputeResolutionRequest;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}
