// The batch as every payout answer shows it (commands answer from the state they decided on; get/list from the
// payout_batch read model): the same DTO either way.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PayoutDestination } from '@ledger/contracts';
import { statusOf, type Batch, type BatchStatus, type ItemState } from '../domain';

export class MoneyAnswer {
  @ApiProperty({ description: 'Integer minor units' }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
}

export class PayoutItemAnswer {
  @ApiProperty() itemId: string;
  @ApiProperty() influencerId: string;
  @ApiProperty({ type: MoneyAnswer, description: 'Sum of the payable earnings paid' }) gross: MoneyAnswer;
  @ApiProperty({ type: MoneyAnswer, description: 'Recoverable (clawed back after payment) netted first' }) recovered: MoneyAnswer;
  @ApiProperty({ type: MoneyAnswer, description: 'gross − recovered: what is sent' }) amount: MoneyAnswer;
  @ApiProperty({ type: [String] }) earningIds: string[];
  @ApiProperty({ enum: ['pending', 'posted', 'failed', 'returned', 'cancelled'] }) state: ItemState;
  @ApiProperty({ enum: ['sandbox', 'stripe_connect', 'bank_transfer'] }) method: string;
  @ApiProperty({ description: 'Failed sends so far' }) attempts: number;
  @ApiPropertyOptional({ nullable: true, type: String }) providerRef: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) failureCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) failureMessage: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why it was returned or cancelled' }) reasonCode: string | null;
}

export class SkippedAnswer {
  @ApiProperty() influencerId: string;
  @ApiProperty({ enum: ['below_minimum', 'no_payout_method', 'payout_hold', 'negative_balance'] }) reason: string;
}

export class PayoutBatchAnswer {
  @ApiProperty() id: string;
  @ApiProperty() batchId: string;
  @ApiProperty({ enum: ['scheduled', 'approved', 'cancelled', 'executing', 'paid', 'partially_paid'] }) state: BatchStatus;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty() asOf: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) approvedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) approvedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ type: MoneyAnswer, description: 'Sum of the items\' amounts' }) total: MoneyAnswer;
  @ApiProperty({ type: [PayoutItemAnswer] }) items: PayoutItemAnswer[];
  @ApiProperty({ type: [SkippedAnswer], description: `The first ${1_000} influencers left out, with why` }) skipped: SkippedAnswer[];
  @ApiProperty() skippedCount: number;
}

export class PayoutBatchCommandAnswer extends PayoutBatchAnswer {
  @ApiProperty({ nullable: true, type: String, description: 'Event-store position of the last appended event (X-Consistency-Position)' }) position: string | null;
}

export function batchAnswer(batch: Batch): PayoutBatchAnswer {
  const money = (amount: number) => ({ amount, currency: batch.currency });
  const items = [...batch.items.values()];
  return {
    id: batch.batchId,
    batchId: batch.batchId,
    state: statusOf(batch),
    currency: batch.currency,
    asOf: batch.asOf,
    createdBy: batch.createdBy,
    createdAt: batch.createdAt,
    approvedBy: batch.approvedBy,
    approvedAt: batch.approvedAt,
    cancelReason: batch.cancelReason,
    total: money(items.reduce((sum, item) => sum + item.amount, 0)),
    items: items.map((item) => ({
      itemId: item.itemId,
      influencerId: item.influencerId,
      gross: money(item.gross),
      recovered: money(item.recovered),
      amount: money(item.amount),
      earningIds: item.earnings.map((e) => e.earningId),
      state: item.state,
      method: methodOf(item.destination),
      attempts: item.failures,
      providerRef: item.providerRef,
      failureCode: item.failureCode,
      failureMessage: item.failureMessage,
      reasonCode: item.reasonCode,
    })),
    skipped: [...batch.skipped],
    skippedCount: batch.skippedCount,
  };
}

export const methodOf = (destination: PayoutDestination): string => destination.method;
