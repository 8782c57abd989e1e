// Sends a batch's pending items through their providers and records each outcome. Shared by execute and retry.
// Crash-safe by construction: an item is sent with the key `<batchId>:<itemId>` on every attempt and the
// providers dedupe by it, so a crash between the send and its record, a timeout, or twenty callers sending the
// same item at once make one transfer; recording is idempotent too (posting a posted item appends nothing).
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ledger/config';
import { EVENT_STORE, type EventMetadata, type EventStore } from '@ledger/event-store';
import { CLOCK, LIMITS, type Clock } from '@ledger/kernel';
import { Logger } from '@ledger/runtime';
import { payoutBatchDecider, type Batch, type PayoutBatchEvent, type PayoutItem, type RecordItemOutcome } from '../../domain';
import { PAYOUT_PROVIDERS, type PayoutProviders, type SendResult, type Transfer } from '../../providers/payout-provider.port';
import { providerTimeoutMs } from '../../providers/payout-providers';
import { PAYOUT_LEDGER, type EarningStep, type PayoutLedger } from '../payout-ledger.port';
import { existingBatch, loadBatch } from './load-batch';

/** Concurrent writers of one batch (twenty execute calls): re-read and decide again this often before giving up. */
const RECORD_RETRIES = 50;
/** Item outcomes recorded per append: ≤ 50 × earnings per item events, inside LIMITS.eventStore.appendBatchEvents for any batch. */
const RECORD_ITEMS = 50;

interface Outcome {
  item: PayoutItem;
  result: Exclude<SendResult, { outcome: 'awaiting_report' }>;
}

@Injectable()
export class PayoutItemSender {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PAYOUT_LEDGER) private readonly ledger: PayoutLedger,
    @Inject(PAYOUT_PROVIDERS) private readonly providers: PayoutProviders,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Every pending item, at most LIMITS.payouts.sendConcurrency at a time, until done or the budget
   * (LIMITS.payouts.executeBudgetMs) is spent: what is left stays pending for the next execute or retry.
   * Outcomes are recorded RECORD_ITEMS at a time, each group one append: the batch stream takes one write per
   * group instead of one per item (concurrent writers of one stream conflict, and every conflict is a re-read).
   */
  async sendPending(org: string, batchId: string, metadata: (now: string) => EventMetadata): Promise<void> {
    const startedMs = performance.now();
    const batch = await loadBatch(this.store, org, batchId);
    if (batch.phase !== 'executing') return;
    const queue = [...batch.items.values()].filter((item) => item.state === 'pending');
    // A fraud or manual hold placed after the batch locked an earning stops its item before anything is sent
    // (read once for the whole call, in bounded batched reads).
    const views = await this.ledger.earnings(org, queue.flatMap((item) => item.earnings.map((e) => e.earningId)));
    const held = new Set([...views.values()].filter((view) => view.held).map((view) => view.earningId));
    const answered: Outcome[] = [];
    let recording: Promise<void> = Promise.resolve();
    const flush = (all: boolean) => {
      while (answered.length >= (all ? 1 : RECORD_ITEMS)) {
        const group = answered.splice(0, RECORD_ITEMS);
        // One group at a time: this call's own writes never conflict with each other.
        recording = recording.then(() => this.record(org, batchId, group, metadata));
        // Handled here so a failure is not an unhandled rejection while the sends go on; `await recording` rethrows it.
        recording.catch(() => undefined);
      }
    };
    const worker = async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        if (performance.now() - startedMs > LIMITS.payouts.executeBudgetMs) return;
        const outcome = await this.sendOne(org, batch, item, item.earnings.some((e) => held.has(e.earningId)));
        if (outcome !== null) answered.push(outcome);
        flush(false);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIMITS.payouts.sendConcurrency, queue.length) }, worker));
    flush(true);
    await recording;
  }

  private async record(org: string, batchId: string, group: Outcome[], metadata: (now: string) => EventMetadata): Promise<void> {
    const now = this.clock.now().toISOString();
    const entries = group.map(({ item, result }) => ({
      item,
      data:
        result.outcome === 'posted'
          ? { itemId: item.itemId, outcome: 'posted' as const, providerRef: result.providerRef, now }
          : { itemId: item.itemId, outcome: 'failed' as const, failureCode: result.failureCode, failureMessage: result.failureMessage, now },
    }));
    await recordOutcomes(this.ledger, org, batchId, entries, metadata(now), RECORD_RETRIES);
  }

  private async sendOne(org: string, batch: Batch, item: PayoutItem, held: boolean): Promise<Outcome | null> {
    const result: SendResult = held
      ? { outcome: 'failed', failureCode: 'payout_hold', failureMessage: 'an earning of this item was put on hold after the batch was created' }
      : await this.send(org, batch, item);
    if (result.outcome === 'awaiting_report') return null;
    return { item, result };
  }

  private async send(org: string, batch: Batch, item: PayoutItem): Promise<SendResult> {
    const transfer: Transfer = {
      org, idempotencyKey: `${batch.batchId}:${item.itemId}`, batchId: batch.batchId, itemId: item.itemId, influencerId: item.influencerId,
      amount: item.amount, currency: batch.currency, destination: item.destination,
    };
    const controller = new AbortController();
    const timeout: SendResult = { outcome: 'failed', failureCode: 'provider_timeout', failureMessage: 'the provider did not answer in time; retry the item (same idempotency key)' };
    const timer = setTimeout(() => controller.abort(), providerTimeoutMs(this.config));
    try {
      const gaveUp = new Promise<SendResult>((resolve) => controller.signal.addEventListener('abort', () => resolve(timeout), { once: true }));
      return await Promise.race([this.providers.for(item.destination.method).send(transfer, controller.signal), gaveUp]);
    } catch (error) {
      this.logger.warn('payouts: provider call failed', { batchId: batch.batchId, itemId: item.itemId, error: error instanceof Error ? error.message : String(error) });
      return { outcome: 'failed', failureCode: 'provider_error', failureMessage: 'the provider call failed; retry the item (same idempotency key)' };
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }
}

/** The item's outcome on the batch stream with, for a post or a return, the matching ledger events, at once. */
export function recordOutcome(
  ledger: PayoutLedger,
  org: string,
  batchId: string,
  item: Pick<PayoutItem, 'itemId' | 'earnings'>,
  data: RecordItemOutcome['data'],
  metadata: EventMetadata,
  retries?: number,
) {
  return recordOutcomes(ledger, org, batchId, [{ item, data }], metadata, retries);
}

/** Several items' outcomes in one append (each decided against the state the previous ones left). */
export async function recordOutcomes(
  ledger: PayoutLedger,
  org: string,
  batchId: string,
  entries: Array<{ item: Pick<PayoutItem, 'itemId' | 'earnings'>; data: RecordItemOutcome['data'] }>,
  metadata: EventMetadata,
  retries?: number,
) {
  return ledger.decide(
    org,
    batchId,
    entries.flatMap(({ item }) => item.earnings.map((e) => e.earningId)),
    metadata,
    (state) => {
      let batch = existingBatch(state, batchId);
      const events: PayoutBatchEvent[] = [];
      const steps: EarningStep[] = [];
      for (const { item, data } of entries) {
        const decided = payoutBatchDecider.decide({ type: 'RecordItemOutcome', data }, batch);
        batch = decided.reduce((s, e) => payoutBatchDecider.evolve(s, e) as Batch, batch);
        events.push(...decided);
        const posted = decided.some((e) => e.type === 'PayoutItemPosted');
        const returned = decided.some((e) => e.type === 'PayoutItemReturned');
        const reasonCode = data.outcome === 'returned' ? data.reasonCode : 'payment_returned';
        for (const e of item.earnings) {
          if (posted) steps.push({ kind: 'pay', earningId: e.earningId, itemId: item.itemId });
          if (returned) steps.push({ kind: 'return', earningId: e.earningId, itemId: item.itemId, reasonCode });
        }
      }
      return { events, steps, result: undefined };
    },
    retries,
  );
}
