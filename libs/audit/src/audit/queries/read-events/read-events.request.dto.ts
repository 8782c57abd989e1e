import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { LIMITS } from '@ledger/kernel';

/** `audit/events`: $all of the caller's org, in commit order, after a position. */
export class ReadEventsRequest {
  @ApiPropertyOptional({ example: '1234-5678', description: 'Exclusive: events after this $all position (`nextPosition` of the previous page); default: the start' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,20}-\d{1,20}$/, { message: 'must be a position `<commit>-<prepare>`' })
  fromPosition?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.http.pageSizeMax, default: LIMITS.http.pageSizeDefault })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.http.pageSizeMax)
  limit?: number;

  @ApiPropertyOptional({ type: [String], example: ['EarningAccrued', 'HoldPlaced'], description: 'Only these event types' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.audit.eventTypesMax)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Matches(/^[A-Za-z][A-Za-z0-9_]*$/, { each: true, message: 'each must be an event type name' })
  types?: string[];
}
