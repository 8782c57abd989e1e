// The ledger streams a run of the process manager decides on (ADR 0009): earning streams (each
// bounded per earning) and month tallies (read by their last event only). Kept current as the run
// decides, so two orders of one influencer in one run see each other's month-to-date, and an order's
// clawback sees the accrual decided a moment before.
import type { EarningAccrued, EarningsMonthTallied } from '@ledger/contracts';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import { assert } from '@ledger/kernel';
import { monthToDateFromTally, tallyOf, type MonthScope, type MonthToDate } from '@ledger/ledger';
import {
  earningLedgerDecider,
  type EarningLedgerCommand,
  type EarningLedgerEvent,
  type EarningLedgerState,
} from '@ledger/ledger';
import { monthTallyStream } from '@ledger/ledger';
import { readEarningStreams } from '@ledger/ledger';

interface Book<S> {
  state: S;
  /** Revision of the stream's last stored event; null: no stream yet. */
  revision: bigint | null;
}

/** Tally streams read at once (each a one-event backwards read). */
const PARALLEL_READS = 8;

export class LedgerBooks {
  private readonly earnings = new Map<string, Book<EarningLedgerState>>();
  private readonly tallies = new Map<string, Book<EarningsMonthTallied | null>>();

  constructor(private readonly store: EventStore) {}

  /** Reads and folds the earning streams not loaded yet (bounded round trips: readEarningStreams). */
  async ensureEarnings(streams: Iterable<string>): Promise<void> {
    const missing = [...new Set(streams)].filter((s) => !this.earnings.has(s));
    for (const [stream, events] of await readEarningStreams(this.store, missing)) {
      this.earnings.set(stream, { state: foldEarning(events), revision: events.at(-1)?.revision ?? null });
    }
  }

  /** Reads the last event of each tally stream not loaded yet. */
  async ensureTallies(org: string, scopes: Iterable<MonthScope>): Promise<void> {
    const missing = [...new Set([...scopes].map((scope) => monthTallyStream(org, scope)))].filter((s) => !this.tallies.has(s));
    for (let i = 0; i < missing.length; i += PARALLEL_READS) {
      const chunk = missing.slice(i, i + PARALLEL_READS);
      const read = await Promise.all(chunk.map((stream) => this.store.readStream(stream, { direction: 'backwards', maxCount: 1 })));
      chunk.forEach((stream, j) => {
        const last = read[j]![0];
        assert(last === undefined || last.type === 'EarningsMonthTallied', `tally stream ${stream} ends with ${last?.type}`);
        this.tallies.set(stream, { state: last ? (last.data as unknown as EarningsMonthTallied) : null, revision: last?.revision ?? null });
      });
    }
  }

  monthToDate(org: string, scope: MonthScope, excludingOrderId?: string): MonthToDate {
    return monthToDateFromTally(this.tally(monthTallyStream(org, scope)).state, excludingOrderId);
  }

  /**
   * The tally event for a level-1 accrual, with the stream's expected revision; the book moves on
   * as if it were stored. Null when the tally already ends with this order (decided again after its
   * accrual landed without its decision: counting it twice would change the month).
   */
  tallyAccrual(org: string, scope: MonthScope, earning: EarningAccrued): { stream: string; expected: bigint | null; event: EarningsMonthTallied } | null {
    const stream = monthTallyStream(org, scope);
    const book = this.tally(stream);
    if (book.state?.orderId === earning.orderId) return null;
    const event = tallyOf(book.state, earning);
    const expected = book.revision;
    book.state = event;
    return { stream, expected, event };
  }

  /**
   * Decides the commands in turn, each against the streams as the ones before it left them, and
   * keeps the outcome only if none is refused: a refusal leaves the books as they were. An earning
   * stream never read is taken as new: only accruals (deterministic ids, `no_stream`) reach it
   * unread, and a re-append of stored events is a no-op in the store.
   */
  decideAll(commands: ReadonlyArray<{ stream: string; command: EarningLedgerCommand }>): EarningLedgerEvent[][] {
    const states = new Map<string, EarningLedgerState>();
    const decided = commands.map(({ stream, command }) => {
      assert(this.earnings.has(stream) || command.type === 'AccrueEarning', `earning stream ${stream} was not loaded`);
      let state = states.get(stream) ?? this.earnings.get(stream)?.state ?? earningLedgerDecider.initialState();
      const events = earningLedgerDecider.decide(command, state) as EarningLedgerEvent[];
      for (const event of events) state = earningLedgerDecider.evolve(state, event);
      states.set(stream, state);
      return events;
    });
    for (const [stream, state] of states) {
      const book = this.earnings.get(stream);
      if (book) book.state = state;
      else this.earnings.set(stream, { state, revision: null });
    }
    return decided;
  }

  /** Streams held (earning books and tallies): what a carried set of books costs in memory. */
  get size(): number {
    return this.earnings.size + this.tallies.size;
  }

  /**
   * Keeps at most `max` streams, dropping the ones loaded first (the oldest orders: the least
   * likely to see another fact soon). A dropped book is simply read again when next needed.
   */
  trimTo(max: number): void {
    for (const map of [this.earnings, this.tallies] as const) {
      for (const stream of map.keys()) {
        if (this.size <= max) return;
        map.delete(stream);
      }
    }
  }

  revision(stream: string): bigint | null {
    return (this.earnings.get(stream) ?? this.tallies.get(stream))?.revision ?? null;
  }

  /** After an append of everything decided on the stream: its revision as the store reports it. */
  setRevision(stream: string, revision: bigint): void {
    const book = this.earnings.get(stream) ?? this.tallies.get(stream);
    if (book) book.revision = revision;
  }

  private tally(stream: string): Book<EarningsMonthTallied | null> {
    const book = this.tallies.get(stream);
    assert(book !== undefined, `tally stream ${stream} was not loaded`);
    return book;
  }
}

function foldEarning(events: readonly RecordedEvent[]): EarningLedgerState {
  let state = earningLedgerDecider.initialState();
  for (const e of events) state = earningLedgerDecider.evolve(state, { type: e.type, data: e.data } as never);
  return state;
}
