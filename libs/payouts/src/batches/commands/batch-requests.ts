// Request fields the batch commands share.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

const ID_CHARS_MAX = 200;
const REASON_CODE_CHARS_MAX = 100;

export const Id = (description: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ description, maxLength: ID_CHARS_MAX }), IsString(), Length(1, ID_CHARS_MAX));

export const ReasonCode = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ description, maxLength: REASON_CODE_CHARS_MAX, pattern: '\\S' }),
    IsString(),
    Length(1, REASON_CODE_CHARS_MAX),
    Matches(/\S/, { message: 'must not be blank' }),
  );

/** `payout/batch/approve | execute | retry | get`. */
export class BatchIdRequest {
  @Id('The batch (`id` of payout/batch/create)')
  batchId: string;
}
