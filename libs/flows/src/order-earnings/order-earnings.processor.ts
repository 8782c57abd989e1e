// The attribution & earnings process manager's work on one batch of order events.
import type { AttributionOutcome, CatalogView } from '@ledger/attribution';
import { WrongExpectedVersion, type EventStore, type Position, type RecordedEvent } from '@ledger/event-store';
import { DomainError, LIMITS, Unavailable } from '@ledger/kernel';
import { needsAttribution, orderDecider, type OrderState } from '@ledger/orders';
import { EMPTY_MONTH, type MonthScope } from '@ledger/ledger';
import { conversionStream, earningStream } from '@ledger/ledger';
import { attributionDecidedIdOf, conversionAttributedIdOf, monthTalliedIdOf } from '@ledger/ledger';
import { LedgerBooks } from './ledger-books';
import { causeOf, loadOrders, touchesOf, type LoadedOrder } from './order-book';
import { flushChunk, PendingAppends, predictedRevisions, type PendingChunk } from './pending-appends';
import { attributeOrder, monthScopeOf, planEarnings } from './plan-attribution';
import { planClawbacks, type DecidedOrder } from './plan-clawbacks';
import { ledgerEvent, metadataFrom } from './pm-events';

export { ATTRIBUTION_ACTOR } from './pm-events';

/** What the process manager needs of the program catalog (PROGRAM_CATALOG implements it). */
export interface CatalogSource {
  view(org: string): CatalogView;
  /** True once the catalog has applied every event up to `position`; false on timeout. */
  waitFor(position: Position, timeoutMs: number): Promise<boolean>;
}

export interface BatchOutcome {
  orders: number;
  /** Orders left undecided because a decider refused them (logged; retried with the order's next fact). */
  refused: number;
  decided: number;
  attributed: number;
  accrued: number;
  clawedBack: number;
  attempts: number;
}

/** A decider refused work on an order (a DomainError): recorded by the loop (parked, kind refused), shown by order/get. */
export interface OrderRefusal {
  stream: string;
  org: string;
  code: string;
  detail: string;
}

export class OrderEarningsProcessor {
  /** Refusals since the last takeRefusals, one per order stream (a run retried after a conflict refuses again: the latest counts). */
  private readonly refusals = new Map<string, OrderRefusal>();
  /**
   * The earning streams and month tallies as this processor's last successful run left them (its
   * own appends folded in, revisions as the store answered): the returns of the next batches claw
   * back earnings accrued a batch or two before, and need not read back what was just written.
   * Only a shortcut: every append carries the expected revision it was decided on, so a stream
   * somebody else wrote meanwhile (a hold, another instance) fails the run with
   * WrongExpectedVersion, and any failed run drops the carried books (the retry reads the store).
   */
  private carried: LedgerBooks | null = null;
  /** Wall time per phase since the last takeTimings (ms): where a batch's time goes, logged by the loop. */
  private timings: Record<string, number> = {};

  constructor(
    private readonly store: EventStore,
    private readonly catalog: CatalogSource,
    private readonly log: ProcessorLogger = { error: () => undefined },
  ) {}

  /**
   * Decides and claws back for every order the events touch. Waits first until the catalog has
   * seen everything up to the batch's last event, so an order is never judged against a catalog
   * older than the order itself (a code issued just before it would look unknown).
   * The whole batch goes out as one run: its appends queued and flushed together (in chunks of
   * LIMITS.ledger.attributionAppendEvents). A concurrent writer on any of its streams (an SCM fact
   * for an undecided order, a hold on an earning, another instance's month tally) fails the chunk it is in,
   * with nothing of that chunk written; see processInRuns for what happens then.
   */
  async process(events: readonly RecordedEvent[]): Promise<BatchOutcome> {
    if (events.length === 0) return { orders: 0, refused: 0, decided: 0, attributed: 0, accrued: 0, clawedBack: 0, attempts: 0 };
    const last = events.at(-1)!.position;
    if (!(await this.catalog.waitFor(last, LIMITS.ledger.catalogWaitMs))) {
      throw new Unavailable('LEDGER.CATALOG_BEHIND', `the program catalog has not reached ${last.commit}-${last.prepare} within ${LIMITS.ledger.catalogWaitMs} ms`);
    }
    return this.processInRuns(orderStreamsOf(events));
  }

  /**
   * The streams as runs, in $all order (month-to-date sees orders in the same sequence whatever
   * fails). A run that conflicts on one of its order streams is cut there: the orders before it
   * go again as one run (reloaded; what an earlier flush stored is decided already and costs
   * nothing), then the rest, starting with the moved order, reloaded. An order that conflicts
   * first in its run, or a conflict on another stream (an earning's or a month tally's), sends the run's first
   * order on its own with retries, so one busy order never holds the others back. After
   * LIMITS.eventStore.wrongExpectedVersionRetries cuts (steady SCM traffic on this batch's orders)
   * the rest goes order by order. Cutting instead of going order by order at the first conflict
   * matters: a batch of 1,000 orders would cost 1,000 reload-and-append round trips for one return.
   */
  private async processInRuns(streams: string[]): Promise<BatchOutcome> {
    const total: BatchOutcome = { orders: 0, refused: 0, decided: 0, attributed: 0, accrued: 0, clawedBack: 0, attempts: 0 };
    const add = (one: Omit<BatchOutcome, 'attempts'>, attempts: number) => {
      for (const key of ['orders', 'refused', 'decided', 'attributed', 'accrued', 'clawedBack'] as const) total[key] += one[key];
      total.attempts += attempts;
    };
    let start = 0;
    let end = streams.length;
    let cuts = 0;
    while (start < streams.length) {
      if (cuts > LIMITS.eventStore.wrongExpectedVersionRetries) {
        for (const stream of streams.slice(start)) {
          const one = await this.processWithRetries([stream]);
          add(one, one.attempts);
        }
        break;
      }
      try {
        add(await this.processOnce(streams.slice(start, end)), 1);
        start = end;
        end = streams.length;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        total.attempts += 1;
        cuts += 1;
        const moved = streams.indexOf(error.stream, start);
        if (moved > start && moved < end) {
          end = moved;
          continue;
        }
        const one = await this.processWithRetries([streams[start]!]);
        add(one, one.attempts);
        start += 1;
        end = streams.length;
      }
    }
    return total;
  }

  /** Reload → decide → append, again on WrongExpectedVersion, at most LIMITS.eventStore.wrongExpectedVersionRetries more times. */
  private async processWithRetries(streams: string[]): Promise<BatchOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return { ...(await this.processOnce(streams)), attempts: attempt };
      } catch (error) {
        if (error instanceof WrongExpectedVersion && attempt <= LIMITS.eventStore.wrongExpectedVersionRetries) continue;
        throw error;
      }
    }
  }

  private async processOnce(streams: string[]): Promise<Omit<BatchOutcome, 'attempts'>> {
    const outcome = { orders: 0, refused: 0, decided: 0, attributed: 0, accrued: 0, clawedBack: 0 };
    let lap = performance.now();
    const time = (phase: string) => {
      const now = performance.now();
      this.timings[phase] = Math.round((this.timings[phase] ?? 0) + now - lap);
      lap = now;
    };
    const orders = await loadOrders(this.store, streams);
    outcome.orders = orders.length;
    time('orders');
    const touches = await touchesOf(this.store, orders);
    time('touches');
    // Every stream this run reads is bounded (ADR 0009): the earning streams of decided orders (returns
    // may claw them back) and, per winner, the last event of its month tally. Read up front, in bulk,
    // unless the last run carried them (its own appends). Taken, not shared: should this run fail, nothing it half-decided is carried on.
    const books = this.carried ?? new LedgerBooks(this.store);
    this.carried = null;
    const winners = new Map<string, AttributionOutcome>();
    for (const order of orders) {
      if (!needsAttribution(order.state)) continue;
      try {
        winners.set(order.stream, attributeOrder(order.state.order, touches.get(order.stream) ?? [], this.catalog.view(order.org)));
      } catch (error) {
        // A refusal is the order's own business: it is met again, and handled, where the order is decided.
        if (!(error instanceof DomainError)) throw error;
      }
    }
    const scopes = new Map<string, MonthScope[]>();
    for (const order of orders) {
      const winner = winners.get(order.stream);
      if (!winner?.attributed || order.state.status !== 'recorded') continue;
      scopes.set(order.org, [...(scopes.get(order.org) ?? []), monthScopeOf(order.state.order, winner.winner)]);
    }
    for (const [org, ofOrg] of scopes) await books.ensureTallies(org, ofOrg);
    await books.ensureEarnings(orders.flatMap((o) => (o.state.status === 'decided' ? o.state.decision.earnings.map((e) => earningStream(o.org, e.earningId)) : [])));
    time('books');
    const appends = new PendingAppends();
    // One chunk in flight while the next orders are decided: Node's deciding overlaps PostgreSQL's append.
    const flusher = new ChunkFlusher(this.store, books);
    try {
      for (const order of orders) {
        let state: OrderState = order.state;
        if (needsAttribution(state)) {
          const recorded = state as Extract<OrderState, { status: 'recorded' }>;
          const decision = await this.refusable(order, async () => {
            const outcome = winners.get(order.stream) ?? attributeOrder(recorded.order, touches.get(order.stream) ?? [], this.catalog.view(order.org));
            return this.decide(order, recorded, outcome, books, appends);
          });
          if (decision === null) {
            outcome.refused += 1;
            continue;
          }
          state = orderDecider.evolve(state, { type: 'AttributionDecided', data: decision.decision });
          outcome.decided += 1;
          outcome.attributed += decision.decision.attributed ? 1 : 0;
          outcome.accrued += decision.decision.earnings.length;
        }
        if (state.status === 'decided') outcome.clawedBack += await this.clawBack(order, state, books, appends);
        // Bounded appends: a chunk goes out once enough is queued, always at an order's end.
        if (appends.size >= LIMITS.ledger.attributionAppendEvents) {
          time('decide');
          await flusher.send(appends.detach());
          time('append');
        }
      }
      time('decide');
      await flusher.send(appends.detach());
      await flusher.settle();
      time('append');
    } finally {
      // Never leave an append running behind a failed run: the retry must start from what is stored.
      await flusher.settle().catch(() => undefined);
    }
    books.trimTo(LIMITS.ledger.attributionCarriedStreams);
    this.carried = books;
    return outcome;
  }

  private decide(order: LoadedOrder, state: Extract<OrderState, { status: 'recorded' }>, outcome: AttributionOutcome, books: LedgerBooks, appends: PendingAppends) {
    const { org } = order;
    const catalog = this.catalog.view(org);
    const plan = planEarnings({
      org,
      order: state.order,
      outcome,
      catalog,
      winnerMonthToDate: (scope, excludingOrderId) => (outcome.attributed ? books.monthToDate(org, scope, excludingOrderId) : EMPTY_MONTH),
    });

    const cause = causeOf(order);
    const meta = metadataFrom(org, cause, state.order.occurredAt, state.order.sourceRef);
    // All or nothing: a refusal leaves nothing of this order queued.
    const accruals = plan.accruals.map((accrual) => ({ stream: earningStream(org, accrual.data.earningId), command: accrual }));
    const decided = books.decideAll(accruals);
    accruals.forEach(({ stream }, i) => appends.add(stream, books.revision(stream) ?? 'no_stream', decided[i]!.map((e) => ledgerEvent(org, e, meta))));
    // The winner's level-1 earning moves its month on: the running totals later orders of the month read.
    for (const event of decided.flat()) {
      if (event.type !== 'EarningAccrued' || event.data.level !== 1 || !outcome.attributed) continue;
      const tally = books.tallyAccrual(org, monthScopeOf(state.order, outcome.winner), event.data);
      if (tally) appends.add(tally.stream, tally.expected ?? 'no_stream', [{ id: monthTalliedIdOf(org, state.order.orderId), type: 'EarningsMonthTallied', data: { ...tally.event }, metadata: meta }]);
    }
    if (plan.conversion) {
      // One conversion per order on its own stream: bounded, and no hot campaign stream row.
      appends.add(conversionStream(org, state.order.orderId), 'no_stream', [
        { id: conversionAttributedIdOf(org, state.order.orderId), type: 'ConversionAttributed', data: { ...plan.conversion }, metadata: meta },
      ]);
    }
    // The decision is appended at the revision we read: if SCM facts landed since, we reload and decide again.
    appends.add(order.stream, order.revision, [{ id: attributionDecidedIdOf(org, state.order.orderId), type: 'AttributionDecided', data: { ...plan.decision }, metadata: meta }], { last: true });
    return plan;
  }

  /** Returns how many clawback events were queued. */
  private async clawBack(order: LoadedOrder, state: DecidedOrder, books: LedgerBooks, appends: PendingAppends): Promise<number> {
    const planned = planClawbacks(state);
    if (planned.length === 0) return 0;
    const { org } = order;
    await books.ensureEarnings(planned.map((p) => earningStream(org, p.command.data.earningId)));
    let queued = 0;
    for (const { command } of planned) {
      const stream = earningStream(org, command.data.earningId);
      const expected = books.revision(stream) ?? 'no_stream';
      const { reference, occurredAt } = command.data;
      const cause = causeOf(order, reference);
      const sourceRef = (cause.data as { sourceRef?: string }).sourceRef ?? state.order.sourceRef;
      // The decider claws back `cumulative − clawed back so far`, once per reference: replays add nothing.
      // A refusal changes nothing (decide throws before evolving); the others go ahead.
      const events = (await this.refusable(order, async () => books.decideAll([{ stream, command }])[0]!)) ?? [];
      appends.add(stream, expected, events.map((e) => ledgerEvent(org, e, metadataFrom(org, cause, occurredAt, sourceRef))));
      queued += events.length;
    }
    return queued;
  }

  /** Wall time per phase (ms) of the process() calls since the last take. */
  takeTimings(): Record<string, number> {
    const taken = this.timings;
    this.timings = {};
    return taken;
  }

  /** The refusals of the process() calls since the last take; the loop records them (a failed call's are dropped with it). */
  takeRefusals(): OrderRefusal[] {
    const taken = [...this.refusals.values()];
    this.refusals.clear();
    return taken;
  }

  /**
   * A decider's refusal (a DomainError: data it will not accept) must not stall every other order
   * behind it: the order is left as it is, to be tried again with its next fact, and the refusal
   * is kept for the loop, which records it (parked, kind refused) so it is seen, not lost.
   * Anything else (a failed assertion is a bug, the store may be down) fails the call; the loop
   * then parks the order that fails (ADR 0010).
   */
  private async refusable<T>(order: LoadedOrder, work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DomainError) || error instanceof WrongExpectedVersion || error.kind === 'unavailable') throw error;
      this.log.error('the ledger refused work on an order; recorded, and tried again with the order\'s next fact', { stream: order.stream, code: error.code, err: error });
      const problems = (error.errors ?? []).map((e) => `${e.field}: ${e.problem}`).join('; ');
      this.refusals.set(order.stream, { stream: order.stream, org: order.org, code: error.code, detail: problems ? `${error.message} ${problems}` : error.message });
      return null;
    }
  }
}

export interface ProcessorLogger {
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The order streams of a batch, each once, in the order their first event appears in $all. */
export function orderStreamsOf(events: readonly RecordedEvent[]): string[] {
  return [...new Set(events.map((e) => e.stream))];
}

/**
 * Sends chunks one after the other, each while the caller goes on deciding: send waits for the
 * chunk before (so a stream's appends reach the store in the order decided, and the books hold
 * the revisions it answered), then starts this one and returns. The books take the revisions the
 * chunk will have at once (predictedRevisions), so what is decided meanwhile expects them; a chunk
 * that fails fails the run at the next send or settle, and nothing decided after it is sent.
 */
class ChunkFlusher {
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly books: LedgerBooks,
  ) {}

  async send(chunk: PendingChunk): Promise<void> {
    await this.settle();
    if (chunk.entries.length === 0) return;
    for (const [stream, revision] of predictedRevisions(chunk)) this.books.setRevision(stream, revision);
    const flight = flushChunk(this.store, chunk).then(({ revisions }) => {
      for (const [stream, revision] of revisions) this.books.setRevision(stream, revision);
    });
    flight.catch(() => undefined); // awaited by the next send or settle; never an unhandled rejection meanwhile
    this.inFlight = flight;
  }

  /** Waits for the chunk in flight; throws what its append threw. */
  async settle(): Promise<void> {
    const flight = this.inFlight;
    this.inFlight = null;
    if (flight) await flight;
  }
}
