// The influencer streams a batch touches, folded once and kept current as the batch decides, so
// two orders of one influencer in one batch see each other (month-to-date, referral accruals).
import type { EarningAccrued } from '@ledger/contracts';
import type { EventStore } from '@ledger/event-store';
import { assert } from '@ledger/kernel';
import {
  earningLedgerDecider,
  type EarningLedgerCommand,
  type EarningLedgerEvent,
  type EarningLedgerState,
} from '../domain/earning-ledger';

interface Book {
  state: EarningLedgerState;
  accrued: EarningAccrued[];
  /** Revision of the stream's last event as stored; null: no stream yet. */
  revision: bigint | null;
}

/** Streams read at once while loading (each read is bounded by the store's stream limit). */
const PARALLEL_READS = 8;

export class InfluencerLedgers {
  private readonly books = new Map<string, Book>();

  constructor(private readonly store: EventStore) {}

  /** Reads and folds the streams not loaded yet. */
  async ensure(streams: Iterable<string>): Promise<void> {
    const missing = [...new Set(streams)].filter((s) => !this.books.has(s));
    for (let i = 0; i < missing.length; i += PARALLEL_READS) {
      const chunk = missing.slice(i, i + PARALLEL_READS);
      const read = await Promise.all(chunk.map((stream) => this.store.readStream(stream)));
      chunk.forEach((stream, j) => {
        const events = read[j]!;
        let state = earningLedgerDecider.initialState();
        const accrued: EarningAccrued[] = [];
        for (const e of events) {
          state = earningLedgerDecider.evolve(state, { type: e.type, data: e.data } as never);
          if (e.type === 'EarningAccrued') accrued.push(e.data as unknown as EarningAccrued);
        }
        this.books.set(stream, { state, accrued, revision: events.at(-1)?.revision ?? null });
      });
    }
  }

  accrued(stream: string): readonly EarningAccrued[] {
    return this.book(stream).accrued;
  }

  revision(stream: string): bigint | null {
    return this.book(stream).revision;
  }

  /** After an append: the stream's revision as the store reports it. */
  setRevision(stream: string, revision: bigint): void {
    this.book(stream).revision = revision;
  }

  /** Decides without keeping the outcome: throws what decide would refuse. */
  check(stream: string, command: EarningLedgerCommand): void {
    earningLedgerDecider.decide(command, this.book(stream).state);
  }

  /** Decides against the folded stream and evolves it with the outcome (appending is the caller's). */
  decide(stream: string, command: EarningLedgerCommand): EarningLedgerEvent[] {
    const book = this.book(stream);
    const events = earningLedgerDecider.decide(command, book.state) as EarningLedgerEvent[];
    for (const event of events) {
      book.state = earningLedgerDecider.evolve(book.state, event);
      if (event.type === 'EarningAccrued') book.accrued.push(event.data);
    }
    return events;
  }

  private book(stream: string): Book {
    const book = this.books.get(stream);
    assert(book !== undefined, `influencer stream ${stream} was not loaded`);
    return book;
  }
}
