// The documented shape of order/record. Validation is parseScmFact's (the same rules as an NDJSON
// line or a NATS message), so these classes carry OpenAPI metadata only.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS } from '@ledger/contracts';
import { LIMITS } from '@ledger/kernel';
import { ORDER_CODES_MAX } from '../../../domain';

export class OrderLineRequest {
  @ApiProperty({ example: 'l1' }) lineId: string;
  @ApiProperty({ example: 'TEE-M' }) sku: string;
  @ApiPropertyOptional({ example: 'apparel' }) category?: string;
  @ApiProperty({ minimum: 1, example: 2 }) quantity: number;
  @ApiProperty({ minimum: 0, description: 'Integer minor units of the order currency', example: 2500 }) unitPrice: number;
  @ApiPropertyOptional({ minimum: 0, description: "The line's total discount, integer minor units, at most quantity × unitPrice", example: 500 }) discount?: number;
}

export class RecordOrderRequest {
  @ApiProperty({ description: 'SCM reference of this fact; a redelivery with the same content is a no-op, with other content 409', example: 'scm-ord-1001' }) sourceRef: string;
  @ApiProperty({ example: 'ord-1001' }) orderId: string;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty({ example: 'cust-42' }) customerRef: string;
  @ApiProperty({ format: 'date-time', description: 'Business time, ISO 8601 with offset' }) occurredAt: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: [OrderLineRequest], minItems: 1, maxItems: LIMITS.domain.orderLines }) lines: OrderLineRequest[];
  @ApiPropertyOptional({ type: [String], maxItems: ORDER_CODES_MAX, description: 'Codes used on the order (each counts as a touch at the order time)' }) codes?: string[];
}
