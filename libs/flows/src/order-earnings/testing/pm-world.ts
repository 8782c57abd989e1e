// Test support for the process manager: a fresh migrated database, the real PostgreSQL event store,
// the real program catalog following it, programs set up as events, SCM facts decided by the
// order decider and appended like the intake does (deterministic ids), and the ledger folded back.
import { appendProgramEvents, ProgramCatalog, ProgramEvents, programRules } from '@ledger/attribution';
import type { EarningState, OrderLine } from '@ledger/contracts';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { comparePositions, executeOnStream, PostgresEventStore, streamName, type EventStore, type Position, type RecordedEvent } from '@ledger/event-store';
import { DAY_MS, deterministicId, randomId } from '@ledger/kernel';
import { orderDecider, type OrderCommand } from '@ledger/orders';
import type { CampaignRulesInput } from '@ledger/programs';
import type { Kysely } from 'kysely';
import type { Pool } from 'pg';
import { bucketsOf, earningLedgerDecider, earningsOf, type Buckets } from '@ledger/ledger';
import { OrderEarningsLoop } from '../order-earnings.loop';
import { OrderEarningsProcessor, type CatalogSource, type ProcessorLogger } from '../order-earnings.processor';

export const T0 = '2026-03-02T09:00:00.000Z';
export const at = (base: string, ms: number): string => new Date(Date.parse(base) + ms).toISOString();

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface Program {
  org: string;
  campaignId: string;
  parentId: string;
  childId: string;
  code: string;
}

export interface EarningSnapshot {
  influencerId: string;
  state: EarningState;
  amount: number;
  clawedBack: number;
  buckets: Buckets;
}

export class PmWorld {
  private lastDelivered: Position | null = null;

  private constructor(
    readonly database: TestDatabase,
    readonly pool: Pool,
    readonly db: Kysely<any>,
    readonly store: EventStore,
    readonly catalog: ProgramCatalog,
  ) {}

  static async create(): Promise<PmWorld> {
    const database = await createTestDatabase('ledger_pm');
    const { pool, db } = createDb<any>(database.url);
    await migrateToLatest(db);
    const store = new PostgresEventStore(pool);
    const catalog = new ProgramCatalog(store);
    await catalog.start();
    return new PmWorld(database, pool, db, store, catalog);
  }

  /** A loop over this world's store (not started: tests drive it with catchUp). */
  loop(options: { store?: EventStore; catalog?: CatalogSource; batchEvents?: number; log?: ProcessorLogger } = {}): OrderEarningsLoop {
    const store = options.store ?? this.store;
    const processor = new OrderEarningsProcessor(store, options.catalog ?? this.catalog, options.log ?? silent);
    return new OrderEarningsLoop({ db: this.db, store, processor, logger: silent, batchEvents: options.batchEvents, idlePollMs: 5 });
  }

  /** Campaign (10 %, referral level 2 at 25 %, hold 14 d, active since T0 − 30 d), parent and child influencers, the child's coupon. */
  async programs(org: string, patch: Partial<CampaignRulesInput> = {}): Promise<Program> {
    const e = new ProgramEvents(org);
    const since = at(T0, -30 * DAY_MS);
    const program = { org, campaignId: `camp-${randomId().slice(0, 8)}`, parentId: 'pia', childId: 'ada', code: 'ADA10' };
    const rules = programRules({ holdDays: 14, referralLevels: [{ level: 2, rateBps: 2_500 }], ...patch });
    const position = await appendProgramEvents(this.store, [
      e.campaignCreated(program.campaignId, rules, since),
      e.campaignActivated(program.campaignId, since),
      e.influencerRegistered(program.parentId, since),
      e.influencerRegistered(program.childId, since, { parentId: program.parentId }),
      e.codeIssued({ code: program.code, campaignId: program.campaignId, influencerId: program.childId, issuedAt: since }),
    ]);
    if (!(await this.catalog.waitFor(position, 30_000))) throw new Error('catalog did not catch up');
    return program;
  }

  /** One SCM fact, decided on the order stream and appended with its deterministic id (as the intake does). */
  async deliver(org: string, command: OrderCommand): Promise<void> {
    const { orderId, sourceRef } = command.data as { orderId: string; sourceRef: string };
    const outcome = await executeOnStream(this.store, streamName('order', org, orderId), orderDecider, command, {
      eventId: (event) => deterministicId(org, 'scm', sourceRef, event.type),
      metadata: () => ({ org, actorId: 'scm', correlationId: randomId(), schemaVersion: 1, occurredAt: (command.data as { occurredAt: string }).occurredAt, sourceRef }),
    });
    if (outcome.position && (!this.lastDelivered || comparePositions(outcome.position, this.lastDelivered) > 0)) this.lastDelivered = outcome.position;
  }

  /**
   * Runs the loop until it has seen every fact delivered so far. $all only shows events below the
   * oldest running transaction of the whole PostgreSQL cluster (other test files share it), so
   * first wait (bounded) until the store's visible head covers the last delivery.
   */
  async catchUp(loop: OrderEarningsLoop = this.loop()): Promise<void> {
    await this.waitVisible();
    await loop.catchUp();
  }

  /** Waits (bounded) until $all shows every fact delivered so far. */
  async waitVisible(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const head = await this.store.headPosition();
      if (!this.lastDelivered || (head && comparePositions(head, this.lastDelivered) >= 0)) break;
      if (Date.now() > deadline) throw new Error('the store head did not reach the last delivery within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async stream(category: string, org: string, id: string): Promise<RecordedEvent[]> {
    return this.store.readStream(streamName(category, org, id));
  }

  /** The events of an influencer's earning streams, in $all order (ADR 0009: each earning has its own stream). */
  async earningEvents(org: string, influencerId: string): Promise<RecordedEvent[]> {
    const byStream = await this.earningStreams(org);
    const mine = new Set([...byStream].filter(([, events]) => events[0]?.data.influencerId === influencerId).map(([stream]) => stream));
    return [...byStream].filter(([stream]) => mine.has(stream)).flatMap(([, events]) => events).sort((a, b) => comparePositions(a.position, b.position));
  }

  /**
   * The org's earning streams, read directly: from the stream table, not $all, whose visible head
   * trails behind any transaction running on the PostgreSQL cluster (other test files share it).
   */
  private async earningStreams(org: string): Promise<Map<string, RecordedEvent[]>> {
    const { rows } = await this.pool.query<{ stream_name: string }>("SELECT stream_name FROM es_stream WHERE stream_name LIKE $1 ORDER BY stream_name LIMIT 10000", [`earning-${org}.%`]);
    return this.store.readStreams(rows.map((r) => r.stream_name));
  }

  /** Every earning of the given influencers, keyed `<orderId>#<level>`, from the write model (the org's earning streams). */
  async ledger(org: string, influencerIds: readonly string[]): Promise<Record<string, EarningSnapshot>> {
    const byStream = await this.earningStreams(org);
    const out: Record<string, EarningSnapshot> = {};
    for (const events of byStream.values()) {
      let state = earningLedgerDecider.initialState();
      for (const e of events) state = earningLedgerDecider.evolve(state, { type: e.type, data: e.data } as never);
      for (const earning of earningsOf(state)) {
        if (!influencerIds.includes(earning.influencerId)) continue;
        out[`${earning.orderId}#${earning.level}`] = { influencerId: earning.influencerId, state: earning.state, amount: earning.amount, clawedBack: earning.clawedBack, buckets: bucketsOf(earning) };
      }
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  async close(): Promise<void> {
    await this.catalog.stop();
    await this.store.close();
    await this.db.destroy();
    await this.database.drop();
  }
}

// ── SCM facts ───────────────────────────────────────────────────────────────

export function recordOrder(orderId: string, occurredAt: string, lines: OrderLine[], extra: { codes?: string[]; customerRef?: string; channel?: 'ecommerce' | 'pos' } = {}): OrderCommand {
  return {
    type: 'RecordOrder',
    data: { orderId, sourceRef: `scm-${orderId}`, channel: extra.channel ?? 'ecommerce', customerRef: extra.customerRef ?? 'cust-1', occurredAt, currency: 'EUR', lines, codes: extra.codes ?? ['ADA10'] },
  };
}

export function recordReturn(orderId: string, returnId: string, occurredAt: string, lines: Array<{ lineId: string; quantity: number }>): OrderCommand {
  return { type: 'RecordReturn', data: { orderId, returnId, sourceRef: `scm-${returnId}`, occurredAt, lines } };
}

export function cancelOrder(orderId: string, occurredAt: string): OrderCommand {
  return { type: 'CancelOrder', data: { orderId, sourceRef: `scm-cancel-${orderId}`, occurredAt } };
}
