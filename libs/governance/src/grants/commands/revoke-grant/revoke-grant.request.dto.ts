import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** `grant/revoke`: ends a grant now (a scheduled one never starts); the reason is recorded. */
export class RevokeGrantRequest {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  grantId: string;

  @ApiProperty({ maxLength: 100, example: 'left_team', description: 'A stable code: letters, digits, _ . -' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,100}$/, { message: 'must be 1-100 letters, digits, "_", "." or "-"' })
  reasonCode: string;
}
