// A pure model of payouts for property tests: the ledger's and the payout batch's deciders composed exactly as
// the payout-earnings flow composes them (a step's batch events and its earnings' events together, or none),
// over in-memory folded states. No database: what it proves is the deciders' rules; the flow's atomic append
// and the providers' dedupe are proven end to end over HTTP (test/e2e/payouts*.e2e.spec.ts).
import type { DomainEvent } from '@ledger/contracts';
import { balanceOf, earningLedgerDecider, isFinalizable, type EarningLedgerCommand, type EarningLedgerState } from '@ledger/ledger';
import { payoutBatchDecider, planBatch, type Batch, type PayoutBatchCommand, type PayoutBatchState } from '@ledger/payouts';

export const NOW = '2026-04-01T00:00:00.000Z';

export class PayoutModel {
  ledger: EarningLedgerState = earningLedgerDecider.initialState();
  readonly batches = new Map<string, PayoutBatchState>();
  readonly log: DomainEvent[] = [];

  accrue(earningId: string, influencerId: string, campaignId: string, amount: number): void {
    this.onLedger([
      {
        type: 'AccrueEarning',
        data: {
          earningId, influencerId, campaignId, orderId: `o-${earningId}`, channel: 'ecommerce', level: 1, amount: { amount, currency: 'EUR' }, rulesVersion: 1,
          calculation: { basis: 'fixed', commissionBase: amount, beforeCap: amount, lines: [] }, occurredAt: NOW, sourceRef: `s-${earningId}`, holdDays: 0,
        },
      },
      { type: 'ReleaseHold', data: { earningId, reasonCode: 'test', now: NOW } },
    ]);
  }

  /** The create step: plan over the finalizable earnings, lock each; null when nobody is due. */
  create(batchId: string, minPayouts: ReadonlyMap<string, number>): Batch | null {
    const earnings = [...this.ledger.earnings.values()]
      .filter(isFinalizable)
      .map((e) => ({ earningId: e.earningId, influencerId: e.influencerId, campaignId: e.campaignId, balance: balanceOf(e) }));
    const destinations = new Map(earnings.map((e) => [e.influencerId, { method: 'sandbox' as const, accountId: `acct_${e.influencerId}` }]));
    const plan = planBatch({ batchId, currency: 'EUR', earnings, minPayouts, destinations, onHold: new Set(), maxItems: 100, maxEarnings: 1_000 });
    if (plan.items.length === 0) return null;
    const command: PayoutBatchCommand = { type: 'CreatePayoutBatch', data: { batchId, currency: 'EUR', asOf: NOW, createdBy: 'ann', items: plan.items, skipped: plan.skipped, skippedCount: plan.skipped.length, now: NOW } };
    return this.step(batchId, command, (batch) =>
      [...batch.items.values()].flatMap((item) => item.earnings.map((e): EarningLedgerCommand => ({ type: 'FinalizeEarning', data: { earningId: e.earningId, batchId, itemId: item.itemId, now: NOW } }))),
    );
  }

  /**
   * One payout command with the ledger commands its events call for, all or nothing: a refusal by either
   * decider leaves both states as they were (as the flow's single append does).
   */
  step(batchId: string, command: PayoutBatchCommand, ledgerCommands: (after: Batch, events: DomainEvent[]) => EarningLedgerCommand[]): Batch {
    const before = this.batches.get(batchId) ?? payoutBatchDecider.initialState();
    const events = payoutBatchDecider.decide(command, before);
    const after = events.reduce((s, e) => payoutBatchDecider.evolve(s, e), before) as Batch;
    let ledger = this.ledger;
    const ledgerEvents: DomainEvent[] = [];
    for (const c of events.length === 0 ? [] : ledgerCommands(after, events)) {
      for (const e of earningLedgerDecider.decide(c, ledger)) {
        ledger = earningLedgerDecider.evolve(ledger, e);
        ledgerEvents.push(e);
      }
    }
    this.ledger = ledger;
    this.batches.set(batchId, after);
    this.log.push(...ledgerEvents, ...events);
    return after;
  }

  clawBack(earningId: string, cumulative: number, id: string): void {
    this.onLedger([{ type: 'ClawBack', data: { earningId, cumulative, reference: { kind: 'return', id }, occurredAt: NOW } }]);
  }

  private onLedger(commands: EarningLedgerCommand[]): void {
    for (const c of commands) {
      for (const e of earningLedgerDecider.decide(c, this.ledger)) {
        this.ledger = earningLedgerDecider.evolve(this.ledger, e);
        this.log.push(e);
      }
    }
  }
}
