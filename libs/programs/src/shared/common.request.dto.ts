// Small request fields shared by the programs' DTOs.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { REASON_CODE_CHARS_MAX } from '../domain/shared/field-checks';

const ID_CHARS_MAX = 200;

/** An id the server issued (`id` of a create answer). */
export const Id = (description: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ description, maxLength: ID_CHARS_MAX }), IsString(), Length(1, ID_CHARS_MAX));

export const OptionalId = (description: string): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ description, maxLength: ID_CHARS_MAX }), IsOptional(), IsString(), Length(1, ID_CHARS_MAX));

export const ReasonCode = (description = 'Machine-readable reason, e.g. `kyc_pending`'): PropertyDecorator =>
  applyDecorators(ApiProperty({ description, maxLength: REASON_CODE_CHARS_MAX }), IsString(), Length(1, REASON_CODE_CHARS_MAX));

export const OptionalReasonCode = (description = 'Machine-readable reason, e.g. `season_over`'): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ description, maxLength: REASON_CODE_CHARS_MAX }), IsOptional(), IsString(), Length(1, REASON_CODE_CHARS_MAX));

export const Name = (description: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ description, maxLength: LIMITS.domain.nameChars }), IsString(), Length(1, LIMITS.domain.nameChars));

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
