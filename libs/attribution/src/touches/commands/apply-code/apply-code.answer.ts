import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CODE_KINDS, type CodeKind, type Discount } from '@ledger/contracts';
import type { CodeRefusal } from '../../../domain';
import type { Money } from '@ledger/kernel';

export const CODE_REFUSALS: readonly CodeRefusal[] = ['unknown_code', 'inactive', 'channel_not_eligible', 'expired', 'not_yet_valid', 'campaign_inactive', 'influencer_inactive'];

export class ApplyCodeAnswer {
  @ApiProperty() valid: boolean;

  @ApiPropertyOptional({
    enum: CODE_REFUSALS,
    description:
      'Why the code cannot be used (only when `valid` is false): unknown_code (no such code in your org), inactive (deactivated), not_yet_valid, expired, ' +
      'channel_not_eligible (the code or the campaign does not allow the channel), campaign_inactive (not active, or outside its period), influencer_inactive.',
  })
  reason?: CodeRefusal;

  @ApiPropertyOptional({
    description:
      'The id of the `code` touch this answer recorded (valid codes only): the event id on `customer-<org>.<customerRef>`, durable within a flush window. ' +
      'The same for every apply of the code to the same `cartRef`.',
  })
  touchId?: string;

  @ApiPropertyOptional({ example: 'SUMMER10', description: 'The code as stored (normalised).' }) code?: string;
  @ApiPropertyOptional({ enum: CODE_KINDS }) kind?: CodeKind;
  @ApiPropertyOptional() campaignId?: string;
  @ApiPropertyOptional() influencerId?: string;
  @ApiPropertyOptional({ description: 'The campaign rules version in force at `occurredAt`.' }) rulesVersion?: number;

  @ApiPropertyOptional({
    description: 'The campaign’s discount for this channel (channel override), else the code’s own. `{ type: "percent", rateBps }` or `{ type: "fixed", amount: { amount, currency } }`.',
    example: { type: 'percent', rateBps: 1000 },
  })
  discount?: Discount;

  @ApiPropertyOptional({
    oneOf: [{ type: 'integer' }, { type: 'object', properties: { amount: { type: 'integer' }, currency: { type: 'string' } } }],
    description: 'What the discount takes off `subtotal`, in the form the subtotal was sent; never more than it. Absent without a subtotal or discount.',
  })
  discountAmount?: number | Money;

  @ApiPropertyOptional({ enum: ['currency_mismatch'], description: 'Set when a fixed discount is in another currency than the subtotal: it is not applied.' })
  discountNotApplied?: 'currency_mismatch';

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description:
      'Always null: checkout answers before its touch is durable (ADR 0016), so there is no position to wait on. The touch is stored within the flush ' +
      'window; to make an order count the code whatever happens to the touch, send the code on the order (`codes`).',
  })
  position: string | null;
}
