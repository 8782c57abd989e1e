import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { Id } from '../../../shared/common.request.dto';

export class ReviewFlagRequest {
  @Id('Fraud flag id')
  flagId: string;

  @ApiProperty({ enum: ['release', 'reverse'], description: 'release: the fraud holds end (payable); reverse: the flagged order\'s earnings are clawed back with the flag as reference' })
  @IsIn(['release', 'reverse'])
  decision: 'release' | 'reverse';

  @ApiProperty({ maxLength: LIMITS.fraud.reasonCodeChars, description: 'Why, e.g. `customer_verified`, `self_referral_confirmed`' })
  @IsString()
  @Length(1, LIMITS.fraud.reasonCodeChars)
  reasonCode: string;

  @ApiPropertyOptional({ maxLength: LIMITS.fraud.noteChars })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.fraud.noteChars)
  note?: string;
}

export class ReviewFlagAnswer {
  @ApiProperty() id: string;
  @ApiProperty() flagId: string;
  @ApiProperty({ enum: ['released', 'reversed'] }) state: 'released' | 'reversed';
  @ApiProperty({ type: String, nullable: true, example: '1234-56', description: 'Event-store position of the review; the ledger follows asynchronously (send it as X-Consistency-Position)' })
  position: string | null;
}
