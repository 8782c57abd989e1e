import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { Id } from '../../../shared/common.request.dto';

/** `comment/revise`: a new body; the earlier ones stay in the history (comment/get `revisions`). */
export class ReviseCommentRequest {
  @Id('Comment id')
  commentId: string;

  @ApiProperty({ maxLength: LIMITS.collaboration.commentBodyChars })
  @IsString()
  @Length(1, LIMITS.collaboration.commentBodyChars)
  body: string;
}
