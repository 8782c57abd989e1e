import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { COMMENT_STATUSES, type CommentStatus } from '@ledger/contracts';
import { OptionalId, PageRequest, SubjectRequest } from '../../../shared/common.request.dto';

export class ListCommentsRequest extends PageRequest {
  @ApiProperty({ type: SubjectRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectRequest)
  subject: SubjectRequest;

  @OptionalId('Only the replies to this comment (its thread)')
  parentId?: string;

  @ApiPropertyOptional({ enum: COMMENT_STATUSES })
  @IsOptional()
  @IsIn(COMMENT_STATUSES)
  status?: CommentStatus;
}
