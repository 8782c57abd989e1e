// The influencer streams a batch touches, folded once and kept current as the batch decides, so
// two orders of one influencer in one batch see each other (month-to-date, referral accruals).
import type { EarningAccrued } from '@ledger/contracts';
import type { EventStore } from '@ledger/event-store';
import { assert } from '@ledger/kernel';
import { MonthToDateTally, type MonthScope, type MonthToDate } from '../domain/earnings';
import {
  earningLedgerDecider,
  type EarningLedgerCommand,
  type EarningLedgerEvent,
  type EarningLedgerState,
} from '../domain/earning-ledger';

interface Book {
  state: EarningLedgerState;
  /** Month-to-date of the stream's EarningAccrued, kept current as the batch decides. */
  months: MonthToDateTally;
  /** Revision of the stream's last event as stored; null: no stream yet. */
  revision: bigint | null;
  /** The state as of `revision`: without the events decided since and not yet appended. */
  stored: EarningLedgerState;
  /** Accruals counted in `months` since `revision`, to take back should their append fail. */
  unstored: EarningAccrued[];
}

/** Streams read at once while loading (each read is bounded by the store's stream limit). */
const PARALLEL_READS = 8;

export class InfluencerLedgers {
  private readonly books = new Map<string, Book>();
  /** Books carried over from an earlier batch: read again from their revision on (another writer may have appended). */
  private readonly stale = new Set<string>();

  constructor(private readonly store: EventStore) {}

  /**
   * These ledgers, for the next batch: every book marked stale, so its first use reads only the
   * events after its revision instead of the whole stream. Only books this batch used are kept, at
   * most `maxBooks` (null beyond: the next batch starts empty). Call only after every queued append
   * of the batch succeeded — the books hold the decided events as if stored.
   */
  carryOver(maxBooks: number): InfluencerLedgers | null {
    for (const stream of this.stale) this.books.delete(stream);
    return this.handOver(maxBooks);
  }

  /**
   * These ledgers after a failed batch, for the next attempt: every book back to what was stored
   * when it was last read or appended to, and marked stale, so its next use reads only what came
   * after (another writer's events, or ours should the failed append have landed after all)
   * instead of a busy influencer's whole stream again. At most `maxBooks` (null beyond).
   */
  rollBack(maxBooks: number): InfluencerLedgers | null {
    for (const book of this.books.values()) {
      book.state = book.stored;
      for (const accrued of book.unstored) book.months.remove(accrued);
      book.unstored = [];
    }
    return this.handOver(maxBooks);
  }

  private handOver(maxBooks: number): InfluencerLedgers | null {
    if (this.books.size > maxBooks) return null;
    const next = new InfluencerLedgers(this.store);
    for (const [stream, book] of this.books) {
      next.books.set(stream, book);
      next.stale.add(stream);
    }
    return next;
  }

  /** Reads and folds the streams not loaded yet (only the new events of a carried-over book). */
  async ensure(streams: Iterable<string>): Promise<void> {
    const missing = [...new Set(streams)].filter((s) => !this.books.has(s) || this.stale.has(s));
    for (let i = 0; i < missing.length; i += PARALLEL_READS) {
      const chunk = missing.slice(i, i + PARALLEL_READS);
      const read = await Promise.all(
        chunk.map((stream) => {
          const revision = this.stale.has(stream) ? this.books.get(stream)!.revision : null;
          return revision === null ? this.store.readStream(stream) : this.store.readStream(stream, { fromRevision: revision + 1n });
        }),
      );
      chunk.forEach((stream, j) => {
        const events = read[j]!;
        const initial = earningLedgerDecider.initialState();
        const book = (this.stale.has(stream) ? this.books.get(stream) : undefined) ?? { state: initial, months: new MonthToDateTally(), revision: null, stored: initial, unstored: [] };
        assert(book.unstored.length === 0 && book.state === book.stored, `influencer stream ${stream} is read again with undecided work on it`);
        // Folded aside and kept whole: a fold that throws leaves the book as it was.
        let state = book.state;
        for (const e of events) state = earningLedgerDecider.evolve(state, { type: e.type, data: e.data } as never);
        for (const e of events) if (e.type === 'EarningAccrued') book.months.add(e.data as unknown as EarningAccrued);
        book.state = state;
        book.stored = state;
        book.revision = events.at(-1)?.revision ?? book.revision;
        this.books.set(stream, book);
        this.stale.delete(stream);
      });
    }
  }

  /** Month-to-date of the stream's earnings so far (this batch's included), leaving out those of `excludingOrderId`. */
  monthToDate(stream: string, scope: MonthScope, excludingOrderId?: string): MonthToDate {
    return this.book(stream).months.of(scope, excludingOrderId);
  }

  revision(stream: string): bigint | null {
    return this.book(stream).revision;
  }

  /** After an append of everything decided on the stream: its revision as the store reports it. */
  setRevision(stream: string, revision: bigint): void {
    const book = this.book(stream);
    book.revision = revision;
    book.stored = book.state;
    book.unstored = [];
  }

  /** Decides against the folded stream and evolves it with the outcome (appending is the caller's). */
  decide(stream: string, command: EarningLedgerCommand): EarningLedgerEvent[] {
    return this.decideAll([{ stream, command }])[0]!;
  }

  /**
   * Decides the commands in turn, each against the streams as the ones before it left them, and
   * keeps the outcome only if none is refused: a refusal leaves the books as they were (decide is
   * pure and states immutable, so nothing needs undoing). One decide per command, where a dry
   * run first and the real thing after would decide everything twice.
   */
  decideAll(commands: ReadonlyArray<{ stream: string; command: EarningLedgerCommand }>): EarningLedgerEvent[][] {
    const states = new Map<string, EarningLedgerState>();
    const decided = commands.map(({ stream, command }) => {
      let state = states.get(stream) ?? this.book(stream).state;
      const events = earningLedgerDecider.decide(command, state) as EarningLedgerEvent[];
      for (const event of events) state = earningLedgerDecider.evolve(state, event);
      states.set(stream, state);
      return events;
    });
    for (const [stream, state] of states) this.book(stream).state = state;
    commands.forEach(({ stream }, i) => {
      const book = this.book(stream);
      for (const event of decided[i]!) {
        if (event.type !== 'EarningAccrued') continue;
        book.months.add(event.data);
        book.unstored.push(event.data);
      }
    });
    return decided;
  }

  private book(stream: string): Book {
    const book = this.books.get(stream);
    assert(book !== undefined && !this.stale.has(stream), `influencer stream ${stream} was not loaded`);
    return book;
  }
}
