import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Id } from '../../../shared/common.request.dto';

export class ReportCommentRequest {
  @Id('Comment id')
  commentId: string;

  @ApiProperty({ description: 'Why, machine-readable, e.g. `offensive`', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  reasonCode: string;
}
