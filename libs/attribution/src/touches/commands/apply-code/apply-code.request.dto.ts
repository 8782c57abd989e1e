import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CHANNELS, type Channel } from '@ledger/contracts';
import { LIMITS } from '@ledger/kernel';
import { IsSubtotal, type Subtotal } from '../../touch-fields';
import { IsBusinessTime } from '@ledger/http';

/** `code/apply` (ApplyCode): the code a customer typed at checkout, for a cart on a channel. */
export class ApplyCodeRequest {
  @ApiProperty({ example: 'summer10', maxLength: LIMITS.checkout.codeInputChars, description: 'As typed: case and surrounding spaces do not matter. A code that cannot exist is simply unknown.' })
  @IsString()
  @Length(1, LIMITS.checkout.codeInputChars)
  code: string;

  @ApiProperty({ enum: CHANNELS, example: 'ecommerce' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ example: 'cust-42', maxLength: LIMITS.checkout.customerRefChars, description: 'The customer as the shop knows them; orders name the same ref, so the touch can be attributed.' })
  @IsString()
  @Length(1, LIMITS.checkout.customerRefChars)
  @Matches(/\S/, { message: 'must not be blank' })
  customerRef: string;

  @ApiPropertyOptional({
    example: 'cart-9f2c',
    maxLength: LIMITS.checkout.cartRefChars,
    description: 'The cart or checkout session. With it, applying the same code to the same cart again records no second touch (a retried checkout is a no-op).',
  })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.checkout.cartRefChars)
  @Matches(/\S/, { message: 'must not be blank' })
  cartRef?: string;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'integer', minimum: 0, example: 1999, description: 'Minor units, in the discount’s currency' },
      { type: 'object', required: ['amount', 'currency'], properties: { amount: { type: 'integer', minimum: 0 }, currency: { type: 'string', example: 'EUR' } } },
    ],
    description: 'The cart subtotal; when given, the answer carries `discountAmount` computed on it.',
  })
  @IsOptional()
  @IsSubtotal()
  subtotal?: Subtotal;

  @ApiPropertyOptional({ format: 'date-time', description: 'Business time of the checkout (offline tills send it); default: now. At most 5 minutes ahead of the server clock.' })
  @IsOptional()
  @IsBusinessTime()
  occurredAt?: string;
}
