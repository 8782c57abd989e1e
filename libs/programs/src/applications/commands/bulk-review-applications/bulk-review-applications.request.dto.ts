import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, ValidateNested } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { Id, OptionalReasonCode } from '../../../shared/common.request.dto';

export class ReviewDecisionRequest {
  @Id('Application id')
  applicationId: string;

  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision: 'approve' | 'reject';

  @OptionalReasonCode('Required to reject, e.g. `audience_mismatch`')
  reasonCode?: string;
}

/** `application/bulk-review`: up to LIMITS.applications.bulkReviewDecisions decisions, each with its own result. */
export class BulkReviewApplicationsRequest {
  @ApiProperty({ type: [ReviewDecisionRequest], minItems: 1, maxItems: LIMITS.applications.bulkReviewDecisions })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.applications.bulkReviewDecisions)
  @ValidateNested({ each: true })
  @Type(() => ReviewDecisionRequest)
  decisions: ReviewDecisionRequest[];
}
