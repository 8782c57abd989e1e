import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { GRANTABLE_ROLES } from '@ledger/contracts';
import { LIMITS } from '@ledger/kernel';
import { GRANT_STATES, GrantView } from '../../grant.view';

/** `grant/list`: newest first; every filter optional. */
export class ListGrantsRequest {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) actorId?: string;
  @ApiPropertyOptional({ enum: GRANTABLE_ROLES }) @IsOptional() @IsIn([...GRANTABLE_ROLES]) role?: string;
  @ApiPropertyOptional({ enum: GRANT_STATES, description: 'State at the time of the request' }) @IsOptional() @IsIn([...GRANT_STATES]) state?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.http.pageSizeMax, default: LIMITS.http.pageSizeDefault })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.http.pageSizeMax)
  limit?: number;
}

export class ListGrantsAnswer {
  @ApiProperty({ type: [GrantView] }) items: GrantView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
}
