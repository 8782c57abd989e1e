import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { LIMITS } from '@ledger/kernel';

/** `earning/hold | release`: the earnings by id, or every eligible earning of one influencer. */
export class EarningSelectionRequest {
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: LIMITS.ledger.holdEarningsPerCommand, description: 'The earnings (give this or influencerId)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.ledger.holdEarningsPerCommand)
  @IsUUID('all', { each: true })
  earningIds?: string[];

  @ApiPropertyOptional({ maxLength: 200, description: "Every eligible earning of this influencer (give this or earningIds)" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  influencerId?: string;

  @ApiProperty({ maxLength: 100, example: 'vip_early_release', description: 'Why; recorded on every event' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reasonCode: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note?: string;
}

export class EarningStateItem {
  @ApiProperty({ format: 'uuid' }) earningId: string;
  @ApiProperty() influencerId: string;
  @ApiProperty({ enum: ['pending', 'held', 'payable', 'paid', 'clawed_back'] }) state: string;
}

export class EarningSelectionAnswer {
  @ApiProperty({ type: [EarningStateItem], description: 'The selected earnings, with their state after the command' }) earnings: EarningStateItem[];
  @ApiProperty({ description: 'Events appended (0: nothing had to change)' }) changed: number;
  @ApiProperty({ description: 'With influencerId: eligible earnings left for another call (at most LIMITS.ledger.holdEarningsPerCommand per call; counted up to LIMITS.ledger.remainingCountMax)' }) remaining: number;
  @ApiProperty({ type: String, nullable: true, description: 'Send back as X-Consistency-Position to read your write' }) position: string | null;
}
