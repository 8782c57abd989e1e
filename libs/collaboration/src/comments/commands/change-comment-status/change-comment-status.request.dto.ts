import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { COMMENT_STATUSES, type CommentStatus } from '@ledger/contracts';
import { Id } from '../../../shared/common.request.dto';

export class ChangeCommentStatusRequest {
  @Id('Comment id')
  commentId: string;

  @ApiProperty({ enum: COMMENT_STATUSES, description: '`hidden` (and leaving it) needs inf_owner or inf_admin' })
  @IsIn(COMMENT_STATUSES)
  status: CommentStatus;
}
