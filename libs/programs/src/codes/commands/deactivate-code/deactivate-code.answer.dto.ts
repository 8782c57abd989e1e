import { ApiProperty } from '@nestjs/swagger';
import { PositionField } from '../../../shared/position-field';

export class CodeDeactivatedAnswer {
  @ApiProperty({ description: 'Code id' }) id: string;
  @ApiProperty({ example: 'ANNA10' }) code: string;
  @ApiProperty({ enum: [false] }) active: false;
  @PositionField() position: string | null;
}
