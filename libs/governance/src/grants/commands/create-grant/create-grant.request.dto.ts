import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { GRANTABLE_ROLES } from '@ledger/contracts';
import { IsBusinessTime } from '@ledger/http';

/** `grant/create`: permanent (no validUntil), time-bounded, or scheduled (validFrom ahead). */
export class CreateGrantRequest {
  @ApiProperty({ maxLength: 200, description: "The actor (a token's sub) who receives the role" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  actorId: string;

  @ApiProperty({ enum: GRANTABLE_ROLES, description: 'inf_owner and inf_admin are granted by the primary owner (inf_owner) only' })
  @IsIn([...GRANTABLE_ROLES])
  role: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'In force from this instant, inclusive (default: now). Ahead of now: a scheduled grant' })
  @IsOptional()
  @IsBusinessTime()
  validFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'In force until this instant, exclusive (default: none, a permanent grant). After validFrom and after now' })
  @IsOptional()
  @IsBusinessTime()
  validUntil?: string;
}
