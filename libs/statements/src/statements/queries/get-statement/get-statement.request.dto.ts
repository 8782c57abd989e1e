import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export const STATEMENT_FORMATS = ['json', 'csv', 'pdf'] as const;

/** `statement/get`. */
export class GetStatementRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() statementId: string;
  @ApiPropertyOptional({ enum: STATEMENT_FORMATS, default: 'json' }) @IsOptional() @IsIn([...STATEMENT_FORMATS]) format?: (typeof STATEMENT_FORMATS)[number];
}
