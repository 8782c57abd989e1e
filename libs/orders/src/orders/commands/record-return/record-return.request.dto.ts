// The documented shape of order/return (validation: parseScmFact, as for every SCM fact).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LIMITS } from '@ledger/kernel';

export class ReturnLineRequest {
  @ApiProperty({ example: 'l1' }) lineId: string;
  @ApiProperty({ minimum: 1, example: 1 }) quantity: number;
}

export class RecordReturnRequest {
  @ApiProperty({ example: 'scm-ret-77' }) sourceRef: string;
  @ApiProperty({ example: 'ord-1001' }) orderId: string;
  @ApiProperty({ example: 'ret-77' }) returnId: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: [ReturnLineRequest], minItems: 1, maxItems: LIMITS.domain.orderLines }) lines: ReturnLineRequest[];
  @ApiPropertyOptional({ maxLength: LIMITS.orders.reasonChars }) reason?: string;
}
