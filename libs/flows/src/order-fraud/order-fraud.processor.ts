// The fraud process manager's work on one fact (one stream's events of a batch): an attributed order is
// checked, an order claimed twice is flagged, a raised flag holds the influencer's payouts, a review is carried
// out on the ledger.
import type { CatalogView } from '@ledger/attribution';
import { parseStreamName, streamName, type EventStore, type Position, type RecordedEvent } from '@ledger/event-store';
import { LIMITS, Unavailable } from '@ledger/kernel';
import { checkAttributedOrder } from './check-order';
import { flagConflictingClaims } from './claim-flags';
import { applyReview, holdFlaggedEarnings, holdWhileFlagged } from './flag-effects';
import type { FraudLedgerReads } from './fraud-ledger-reads';

export interface FraudCatalogSource {
  view(org: string): CatalogView;
  waitFor(position: Position, timeoutMs: number): Promise<boolean>;
}

export interface FraudOutcome {
  checked: number;
  flagged: number;
  ledgerEvents: number;
}

export class OrderFraudProcessor {
  constructor(
    private readonly store: EventStore,
    private readonly catalog: FraudCatalogSource,
    private readonly reads: FraudLedgerReads,
  ) {}

  /** The events of ONE stream (a conversion or a flag), in order. Replay-safe: every id is deterministic. */
  async processFact(events: readonly RecordedEvent[]): Promise<FraudOutcome> {
    const outcome: FraudOutcome = { checked: 0, flagged: 0, ledgerEvents: 0 };
    const last = events.at(-1);
    if (last === undefined) return outcome;
    // Codes issued just before the order must be in the catalog the rules read.
    if (!(await this.catalog.waitFor(last.position, LIMITS.ledger.catalogWaitMs))) {
      throw new Unavailable('FRAUD.CATALOG_BEHIND', `the program catalog has not reached ${last.position.commit}-${last.position.prepare}`);
    }
    for (const event of events) {
      switch (event.type) {
        case 'ConversionAttributed':
          outcome.checked += 1;
          outcome.flagged += await checkAttributedOrder({ store: this.store, catalog: (org) => this.catalog.view(org), reads: this.reads }, event);
          outcome.ledgerEvents += await this.holdIfFlagged(event);
          // A redelivery refused before the order was attributed had nobody to flag then.
          outcome.flagged += await flagConflictingClaims(this.store, this.reads, parseStreamName(event.stream).org, (event.data as { orderId: string }).orderId, event);
          break;
        case 'OrderClaimConflicted': {
          const { org } = parseStreamName(event.stream);
          outcome.flagged += await flagConflictingClaims(this.store, this.reads, org, (event.data as { orderId: string }).orderId, event);
          break;
        }
        case 'FraudFlagRaised':
          outcome.ledgerEvents += await holdFlaggedEarnings(this.store, this.reads, event);
          break;
        case 'FraudFlagReviewed':
          outcome.ledgerEvents += await applyReview(this.store, this.reads, event);
          break;
        default:
          break;
      }
    }
    return outcome;
  }

  /**
   * The conversions of a batch whose order stream holds no decision: nothing to check (the process manager appends
   * both at once, so only data seeded straight into the store looks like this). One read for the whole batch, so a
   * store full of such conversions costs a round trip per batch, not per event.
   */
  async uncheckable(events: readonly RecordedEvent[]): Promise<Set<string>> {
    const conversions = events.filter((e) => e.type === 'ConversionAttributed');
    if (conversions.length === 0) return new Set();
    const orderOf = new Map(conversions.map((e) => [e.stream, streamName('order', parseStreamName(e.stream).org, (e.data as { orderId: string }).orderId)]));
    const orders = await this.store.readStreams([...new Set(orderOf.values())]);
    const decided = (stream: string) => (orders.get(stream) ?? []).some((e) => e.type === 'AttributionDecided');
    return new Set([...orderOf].filter(([, order]) => !decided(order)).map(([conversion]) => conversion));
  }

  /** The order's earnings of influencers with an open flag (raised for an earlier order) are held at once. */
  private async holdIfFlagged(conversion: RecordedEvent): Promise<number> {
    const { org } = parseStreamName(conversion.stream);
    const { orderId, occurredAt } = conversion.data as { orderId: string; occurredAt: string };
    const decided = (await this.store.readStream(streamName('order', org, orderId))).find((e) => e.type === 'AttributionDecided');
    const earnings = (decided?.data as { earnings?: Array<{ earningId: string; influencerId: string }> } | undefined)?.earnings ?? [];
    return holdWhileFlagged(this.store, this.reads, conversion, earnings, occurredAt);
  }
}
