import { ApiProperty } from '@nestjs/swagger';
import { PositionField } from '../../../shared/position-field';

export class InboxItemCreatedAnswer {
  @ApiProperty({ description: 'Inbox item id' }) id: string;
  @ApiProperty({ enum: ['unread'] }) status: 'unread';
  @ApiProperty({ enum: ['open'] }) state: 'open';
  @PositionField() position: string | null;
}
