import { Id } from '../../../shared/common.request.dto';

export class GetCommentRequest {
  @Id('Comment id')
  commentId: string;
}
