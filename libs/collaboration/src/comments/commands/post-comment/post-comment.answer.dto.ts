import { ApiProperty } from '@nestjs/swagger';
import { PositionField } from '../../../shared/position-field';

export class CommentPostedAnswer {
  @ApiProperty({ description: 'Comment id' }) id: string;
  @PositionField() position: string | null;
}
