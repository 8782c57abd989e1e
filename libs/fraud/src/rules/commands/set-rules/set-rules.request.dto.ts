import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { LIMITS } from '@ledger/kernel';

/** Which rules run on the org's attributed orders; a rule left out keeps its setting. */
export class EnabledRulesRequest {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() self_referral?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() duplicate_claim?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() velocity?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() channel_misuse?: boolean;
}

export class SetFraudRulesRequest {
  @ApiPropertyOptional({ type: EnabledRulesRequest, description: 'Switch rules on or off (the rest keep their setting)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EnabledRulesRequest)
  enabled?: EnabledRulesRequest;

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.fraud.velocityPerHourMax, description: `Orders per hour of one code above which velocity flags (default ${LIMITS.fraud.velocityPerHourDefault}); business time` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.fraud.velocityPerHourMax)
  velocityPerHour?: number;

  @ApiPropertyOptional({ maxLength: LIMITS.fraud.reasonCodeChars })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.fraud.reasonCodeChars)
  reasonCode?: string;
}

export class FraudRulesAnswer {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'boolean' }, example: { self_referral: true, duplicate_claim: true, velocity: true, channel_misuse: true } })
  enabled: Record<string, boolean>;
  @ApiProperty() velocityPerHour: number;
  @ApiProperty({ type: String, nullable: true, example: '1234-56' }) position: string | null;
}
