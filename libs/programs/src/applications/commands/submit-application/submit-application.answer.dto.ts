import { ApiProperty } from '@nestjs/swagger';
import { PositionField } from '../../../shared/position-field';

export class ApplicationSubmittedAnswer {
  @ApiProperty({ description: 'Application id' }) id: string;
  @ApiProperty({ enum: ['applied'] }) status: 'applied';
  @PositionField() position: string | null;
}
