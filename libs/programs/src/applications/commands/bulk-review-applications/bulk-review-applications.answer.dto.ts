import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PositionField } from '../../../shared/position-field';

export class ReviewRefusal {
  @ApiProperty({ example: 'APPLICATION.ALREADY_DECIDED' }) code: string;
  @ApiProperty() detail: string;
}

export class ReviewResult {
  @ApiProperty() applicationId: string;
  @ApiProperty({ enum: ['approved', 'rejected', 'refused'] }) status: 'approved' | 'rejected' | 'refused';
  @ApiPropertyOptional({ description: 'Approved: the new profile' }) influencerId?: string;
  @ApiPropertyOptional({ description: 'Approved: the issued code' }) code?: string;
  @ApiPropertyOptional({ type: ReviewRefusal, description: 'Refused: why (nothing was appended for this decision)' }) error?: ReviewRefusal;
}

export class BulkReviewAnswer {
  @ApiProperty({ type: [ReviewResult], description: 'One result per decision, in request order' }) results: ReviewResult[];
  @PositionField() position: string | null;
}
