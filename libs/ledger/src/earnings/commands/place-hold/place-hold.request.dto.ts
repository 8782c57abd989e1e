import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EarningSelectionRequest } from '../shared/earning-selection.request.dto';

/** `earning/hold`: PlaceHold on the selected earnings. */
export class PlaceHoldRequest extends EarningSelectionRequest {
  @ApiPropertyOptional({ enum: ['manual', 'fraud'], default: 'manual', description: 'A fraud hold is placed by fraud review; both stay until someone releases them' })
  @IsOptional()
  @IsIn(['manual', 'fraud'])
  kind?: 'manual' | 'fraud';
}
