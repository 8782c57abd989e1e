import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class DisputeIdRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  disputeId: string;
}

export class DisputeNoteRequest extends DisputeIdRequest {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note?: string;
}

export class DisputeReasonRequest extends DisputeNoteRequest {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reasonCode: string;
}

export class WithdrawDisputeRequest extends DisputeNoteRequest {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reasonCode?: string;
}
