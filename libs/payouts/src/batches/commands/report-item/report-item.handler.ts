import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventMetadata, type EventStore } from '@ledger/event-store';
import { CLOCK, ValidationFailed, type Clock } from '@ledger/kernel';
import { PayoutItemNotFound, type RecordItemOutcome } from '../../../domain';
import { PAYOUT_LEDGER, type PayoutLedger } from '../../payout-ledger.port';
import { recordOutcome } from '../item-sender';
import { loadBatch, loadBatchAt } from '../load-batch';
import type { ReportPayoutItemRequest } from './report-item.request.dto';

/** payout/item/report and Stripe's webhook: the outcome on the batch, with EarningPaid or EarningPaymentReturned. */
@Injectable()
export class ReportPayoutItemHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PAYOUT_LEDGER) private readonly ledger: PayoutLedger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(org: string, report: ReportPayoutItemRequest, metadata: (now: string) => EventMetadata) {
    const now = this.clock.now().toISOString();
    const data = outcomeOf(report, now);
    const item = (await loadBatch(this.store, org, report.batchId)).items.get(report.itemId);
    if (item === undefined) throw new PayoutItemNotFound(report.batchId, report.itemId);
    await recordOutcome(this.ledger, org, report.batchId, item, data, metadata(now), 50);
    return loadBatchAt(this.store, org, report.batchId);
  }
}

function outcomeOf(report: ReportPayoutItemRequest, now: string): RecordItemOutcome['data'] {
  switch (report.outcome) {
    case 'posted':
      if (report.providerRef === undefined) throw new ValidationFailed([{ field: 'providerRef', problem: 'is required when outcome is posted' }]);
      return { itemId: report.itemId, outcome: 'posted', providerRef: report.providerRef, now };
    case 'failed':
      return { itemId: report.itemId, outcome: 'failed', failureCode: report.failureCode ?? 'reported_failed', failureMessage: report.failureMessage ?? 'reported failed by finance', now };
    case 'returned':
      return { itemId: report.itemId, outcome: 'returned', reasonCode: report.failureCode ?? 'payment_returned', ...(report.providerRef === undefined ? {} : { providerRef: report.providerRef }), now };
  }
}
