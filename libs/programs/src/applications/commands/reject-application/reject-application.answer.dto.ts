import { ApiProperty } from '@nestjs/swagger';
import { PositionField } from '../../../shared/position-field';

export class ApplicationRejectedAnswer {
  @ApiProperty({ description: 'Application id' }) id: string;
  @ApiProperty({ enum: ['rejected'] }) status: 'rejected';
  @PositionField() position: string | null;
}
