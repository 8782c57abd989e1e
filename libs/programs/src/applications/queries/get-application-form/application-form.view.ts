import { ApiProperty } from '@nestjs/swagger';
import { INTAKE_FIELD_TYPES, type IntakeField } from '@ledger/contracts';

class IntakeFieldView {
  @ApiProperty() name: string;
  @ApiProperty({ enum: INTAKE_FIELD_TYPES }) type: IntakeField['type'];
  @ApiProperty() required: boolean;
}

export class ApplicationFormView {
  @ApiProperty() campaignId: string;
  @ApiProperty({ description: 'The campaign\'s name' }) name: string;
  @ApiProperty({ type: [IntakeFieldView], description: 'The fields application/submit takes in `fields`' }) intakeFields: IntakeField[];
}
