import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsBusinessTime } from '@ledger/http';
import { EVIDENCE_PARTS } from '../shared/earning-evidence.view';

/** `audit/evidence-coverage`: paid earnings whose payment (EarningPaid.at) falls in [from, to). */
export class EvidenceCoverageRequest {
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive, on the payment time' })
  @IsOptional()
  @IsBusinessTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive, on the payment time' })
  @IsOptional()
  @IsBusinessTime()
  to?: string;
}

export class IncompleteEvidence {
  @ApiProperty() earningId: string;
  @ApiProperty({ type: [String], enum: EVIDENCE_PARTS }) missing: string[];
}

export class EvidenceCoverageAnswer {
  @ApiProperty({ description: 'Paid earnings in the range' }) paid: number;
  @ApiProperty({ description: 'Of them, with all seven parts (fraud check run, payment with a provider reference)' }) complete: number;
  @ApiProperty({ description: 'complete / paid, 0…1; 1 when nothing was paid (no paid reward lacks evidence)' }) share: number;
  @ApiProperty({ type: [IncompleteEvidence], description: 'Oldest payment first, at most LIMITS.evidence.coverageIncompleteShown; paid − complete counts them all' })
  incomplete: IncompleteEvidence[];
}
