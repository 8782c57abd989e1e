import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessTime, IsIsoCurrency } from '@ledger/http';

/** `statement/run`. */
export class RunStatementsRequest {
  @ApiProperty({ description: 'Inclusive instant, ISO 8601 with offset' }) @IsBusinessTime() periodStart: string;
  @ApiProperty({ description: 'Exclusive instant; not after now (else 409 period_open)' }) @IsBusinessTime() periodEnd: string;
  @ApiProperty({ example: 'EUR' }) @IsIsoCurrency() currency: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous call: go on after that influencer' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  cursor?: string;
}

export class RunStatementResult {
  @ApiProperty() influencerId: string;
  @ApiProperty({ enum: ['issued', 'existing', 'failed'] }) status: 'issued' | 'existing' | 'failed';
  @ApiPropertyOptional() statementId?: string;
  @ApiPropertyOptional() number?: string;
  @ApiPropertyOptional({ description: 'Why it failed (a problem code)' }) code?: string;
}

export class RunStatementsAnswer {
  @ApiProperty({ type: [RunStatementResult], description: 'One result per influencer with activity' }) items: RunStatementResult[];
  @ApiProperty() issued: number;
  @ApiProperty() existing: number;
  @ApiProperty() failed: number;
  @ApiProperty({ description: 'Influencers with ledger facts but none to report for this period' }) inactive: number;
  @ApiProperty({ type: String, nullable: true, description: 'More influencers remain: call again with this cursor' }) nextCursor: string | null;
  @ApiProperty({ type: String, nullable: true }) position: string | null;
}
