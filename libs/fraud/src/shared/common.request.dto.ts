// Request fields the fraud DTOs share.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { LIMITS } from '@ledger/kernel';

const ID_CHARS_MAX = 200;

export const Id = (description: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ description, maxLength: ID_CHARS_MAX }), IsString(), Length(1, ID_CHARS_MAX));

export const OptionalId = (description: string): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ description, maxLength: ID_CHARS_MAX }), IsOptional(), IsString(), Length(1, ID_CHARS_MAX));

/** `cursor` and `limit` of every list query. */
export class PageRequest {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 1_000)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.http.pageSizeMax, default: LIMITS.http.pageSizeDefault })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.http.pageSizeMax)
  limit?: number;
}
