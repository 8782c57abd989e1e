// Small request fields shared by the collaboration DTOs.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { SUBJECT_KINDS, type SubjectKind } from '../domain';

const ID_CHARS_MAX = 200;

export const Id = (description: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ description, maxLength: ID_CHARS_MAX }), IsString(), Length(1, ID_CHARS_MAX));

export const OptionalId = (description: string): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ description, maxLength: ID_CHARS_MAX }), IsOptional(), IsString(), Length(1, ID_CHARS_MAX));

/** What a comment or an inbox item is about. */
export class SubjectRequest {
  @ApiProperty({ enum: SUBJECT_KINDS })
  @IsIn(SUBJECT_KINDS)
  kind: SubjectKind;

  @ApiProperty({ maxLength: LIMITS.collaboration.subjectIdChars, description: 'The id of the campaign, earning, … (same org)' })
  @IsString()
  @Length(1, LIMITS.collaboration.subjectIdChars)
  id: string;
}

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
