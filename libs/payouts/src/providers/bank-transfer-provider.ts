// bank_transfer: nothing leaves at execution. Finance exports the batch's bank file (payout/batch/export: CSV or
// SEPA pain.001.001.03), the bank executes it, and each item's outcome comes back through payout/item/report.
import type { PayoutProvider, SendResult } from './payout-provider.port';

export class BankTransferPayoutProvider implements PayoutProvider {
  send(): Promise<SendResult> {
    return Promise.resolve({ outcome: 'awaiting_report' });
  }
}
