import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { CHANNELS, type Channel, type TouchKind } from '@ledger/contracts';
import { LIMITS } from '@ledger/kernel';
import { IsBusinessTime } from '@ledger/http';

/** Touches reported by trackers; `code` touches come from code/apply only. */
export const REPORTED_TOUCH_KINDS = ['click', 'link', 'qr_scan', 'in_store'] as const satisfies readonly TouchKind[];
export type ReportedTouchKind = (typeof REPORTED_TOUCH_KINDS)[number];

/** `touch/record`: a click, link visit, QR scan or in-store code seen by a tracker. */
export class RecordTouchRequest {
  @ApiProperty({ example: 'SUMMER10', maxLength: LIMITS.checkout.codeInputChars })
  @IsString()
  @Length(1, LIMITS.checkout.codeInputChars)
  code: string;

  @ApiProperty({ enum: REPORTED_TOUCH_KINDS, example: 'qr_scan' })
  @IsIn(REPORTED_TOUCH_KINDS)
  kind: ReportedTouchKind;

  @ApiProperty({ enum: CHANNELS, example: 'ecommerce' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ example: 'cust-42', maxLength: LIMITS.checkout.customerRefChars })
  @IsString()
  @Length(1, LIMITS.checkout.customerRefChars)
  @Matches(/\S/, { message: 'must not be blank' })
  customerRef: string;

  @ApiProperty({ format: 'date-time', description: 'When the touch happened (business time). At most 5 minutes ahead of the server clock.' })
  @IsBusinessTime()
  occurredAt: string;
}
