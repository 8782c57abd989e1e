import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class IngestFieldProblem {
  @ApiProperty({ example: 'lines[2].unitPrice' }) field: string;
  @ApiProperty({ example: 'must be a non-negative integer of minor units' }) problem: string;
  @ApiPropertyOptional({ description: 'ORDER.CONFLICTING_FACT: the value recorded (as first delivered)', example: 3 }) recorded?: unknown;
  @ApiPropertyOptional({ description: 'ORDER.CONFLICTING_FACT: the value this line sent', example: 9 }) sent?: unknown;
}

export class IngestLineResult {
  @ApiProperty({ description: '1-based line number in the body' }) line: number;
  @ApiProperty({ enum: ['recorded', 'duplicate', 'rejected'] }) status: 'recorded' | 'duplicate' | 'rejected';
  @ApiPropertyOptional() orderId?: string;
  @ApiPropertyOptional({ description: 'Why a line was rejected: VALIDATION_FAILED, MALFORMED_JSON, ORDER.CONFLICTING_FACT, ORDER.RETURN_EXCEEDS_QUANTITY, …' }) code?: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ type: [IngestFieldProblem] }) errors?: IngestFieldProblem[];
}

export class IngestSummary {
  @ApiProperty() recorded: number;
  @ApiProperty() duplicate: number;
  @ApiProperty() rejected: number;
}

export class ScmIngestAnswer {
  @ApiProperty({ type: [IngestLineResult] }) results: IngestLineResult[];
  @ApiProperty({ type: IngestSummary }) summary: IngestSummary;
  @ApiProperty({ type: String, nullable: true, description: 'Position of the last accepted fact; send back as X-Consistency-Position' }) position: string | null;
}
