// The documented shape of order/cancel (validation: parseScmFact, as for every SCM fact).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LIMITS } from '@ledger/kernel';

export class CancelOrderRequest {
  @ApiProperty({ example: 'scm-cancel-9' }) sourceRef: string;
  @ApiProperty({ example: 'ord-1001' }) orderId: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiPropertyOptional({ maxLength: LIMITS.orders.reasonChars }) reason?: string;
}
