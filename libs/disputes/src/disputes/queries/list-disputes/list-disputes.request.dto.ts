import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { DisputeItem } from '../shared/dispute.view';

export class ListDisputesRequest {
  @ApiPropertyOptional({ enum: ['open', 'under_review', 'resolved', 'rejected', 'withdrawn'] })
  @IsOptional()
  @IsIn(['open', 'under_review', 'resolved', 'rejected', 'withdrawn'])
  state?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'The disputed earning, order or payout id' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subjectId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Staff only; a partner token always lists its own' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  influencerId?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.http.pageSizeMax, default: LIMITS.http.pageSizeDefault })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.http.pageSizeMax)
  limit?: number;
}

export class ListDisputesAnswer {
  @ApiProperty({ type: [DisputeItem] }) items: DisputeItem[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
