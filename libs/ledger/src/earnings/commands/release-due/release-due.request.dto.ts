import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsBusinessTime } from '@ledger/http';

/** `earning/release-due`. */
export class ReleaseDueRequest {
  @ApiPropertyOptional({ format: 'date-time', description: "Release period holds ended by this time (default: now). Each release is dated at its hold's end, not at asOf." })
  @IsOptional()
  @IsBusinessTime()
  asOf?: string;
}

export class ReleaseDueAnswer {
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ description: 'Holds released' }) released: number;
  @ApiProperty({ description: 'Influencers whose earnings were decided on' }) influencers: number;
  @ApiProperty({ description: 'More holds are due than one call takes (LIMITS.ledger.releaseDueEarningsPerRun): call again' }) more: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Send back as X-Consistency-Position to read your write' }) position: string | null;
}
