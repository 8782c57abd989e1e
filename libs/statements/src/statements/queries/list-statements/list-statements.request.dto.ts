import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { IsBusinessTime } from '@ledger/http';
import { StatementAnswer } from '../../statement.answer.dto';

/** `statement/list`: statements whose period lies within [from, to), oldest period first. */
export class ListStatementsRequest {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) influencerId?: string;
  @ApiPropertyOptional({ description: 'Statements whose period starts at or after this instant' }) @IsOptional() @IsBusinessTime() from?: string;
  @ApiPropertyOptional({ description: 'Statements whose period ends at or before this instant' }) @IsOptional() @IsBusinessTime() to?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.http.pageSizeMax, default: LIMITS.http.pageSizeDefault })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.http.pageSizeMax)
  limit?: number;
}

export class StatementSummary extends OmitType(StatementAnswer, ['lines'] as const) {
  @ApiProperty() lineCount: number;
}

export class ListStatementsAnswer {
  @ApiProperty({ type: [StatementSummary] }) items: StatementSummary[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
}
