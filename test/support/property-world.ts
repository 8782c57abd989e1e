/**
 * The world the ledger property tests run in: one fixed set of programs provisioned over HTTP in any number of
 * fresh orgs (the org comes from the token, so a fresh org is a fresh, isolated ledger), fast-check arbitraries
 * of SCM facts that are valid as a set (returns within ordered quantities, distinct return ids), and a snapshot
 * of an org's ledger keyed by what is comparable across orgs (orderId + level, influencer by name — ids differ).
 *
 * Programs (every management command at the FixedClock's T0):
 *   campaign X "coupon": precedence 10, ecommerce+pos, 10 %, per-order cap 40.00, referral level 2 at 25 %, hold 14 d
 *   campaign Y "last_touch": precedence 0, ecommerce only, fixed 3.00, excludes category gift-cards, hold 7 d
 *   influencers pia (parent), ada (child of pia, code ADA on X), bob (code BOB on Y)
 *   customer cust-touch applied BOB at checkout at T0+1min (so its ecommerce orders may be Y's by last touch)
 */
import fc from 'fast-check';
import type { Channel } from '@ledger/contracts';
import type { RecordedEvent } from '@ledger/event-store';
import type { TestApp } from './app';
import { LedgerApi, balanceIn, bucketsOfItem, moneyMinor, sumBuckets, type Buckets, type Delivery, type EarningItem, type ScmFact } from './ledger-api';
import { at, DAY_MS, HOUR_MS, ledgerEventsOf, streamEvents } from './ledger-world';
import { waitForCatalog } from './settle';

export const T0 = '2026-03-02T09:00:00.000Z';
export const EUR = 'EUR';
export const INFLUENCERS = ['pia', 'ada', 'bob'] as const;
export type InfluencerName = (typeof INFLUENCERS)[number];

export interface World {
  org: string;
  api: LedgerApi;
  influencers: Record<InfluencerName, string>;
  /** Last position of the set-up. */
  position: string | null;
}

export async function provisionWorld(t: TestApp, org: string): Promise<World> {
  const api = new LedgerApi(t, org, 'manager-mia');
  const common = { lockDays: 60, minPayout: { amount: 1_000, currency: EUR } };
  const x = await api.createActiveCampaign({
    name: 'X coupon',
    attribution: { model: 'coupon', windowDays: 30, precedence: 10 },
    channels: ['ecommerce', 'pos'],
    earnings: { type: 'percent', rateBps: 1_000 },
    caps: { perOrder: { amount: 4_000, currency: EUR } },
    referralLevels: [{ level: 2, rateBps: 2_500 }],
    holdDays: 14,
    ...common,
  });
  const y = await api.createActiveCampaign({
    name: 'Y last touch',
    attribution: { model: 'last_touch', windowDays: 30, precedence: 0 },
    channels: ['ecommerce'],
    earnings: { type: 'fixed', amount: { amount: 300, currency: EUR } },
    exclusions: { categories: ['gift-cards'] },
    holdDays: 7,
    ...common,
  });
  const pia = await api.createProfile({ name: 'Pia Parent', email: `pia@${org}.example` });
  const ada = await api.createProfile({ name: 'Ada Child', email: `ada@${org}.example`, parentId: pia.id });
  const bob = await api.createProfile({ name: 'Bob Solo', email: `bob@${org}.example` });
  await api.createCode({ campaignId: x.id, influencerId: ada.id, code: 'ADA', kind: 'coupon' });
  const lastCode = await api.createCode({ campaignId: y.id, influencerId: bob.id, code: 'BOB', kind: 'coupon' });
  await waitForCatalog(t, lastCode.position);
  const touch = await api.applyCode({ code: 'BOB', channel: 'ecommerce', customerRef: 'cust-touch', subtotal: { amount: 1_000, currency: EUR }, occurredAt: at(T0, 60_000) }, lastCode.position);
  if (!touch.valid) throw new Error(`set-up of ${org}: BOB refused at checkout: ${JSON.stringify(touch)}`);
  return { org, api, influencers: { pia: pia.id, ada: ada.id, bob: bob.id }, position: touch.position ?? lastCode.position };
}

/** Fresh worlds, provisioned ahead in concurrent batches (never while a run is in flight, so settle() sees a quiet app). */
export class WorldPool {
  private ready: World[] = [];
  private next = 0;
  constructor(
    private readonly t: TestApp,
    private readonly prefix: string,
    private readonly batch = 16,
  ) {}

  async take(): Promise<World> {
    if (this.ready.length === 0) {
      const orgs = Array.from({ length: this.batch }, () => `${this.prefix}-${++this.next}`);
      this.ready = await Promise.all(orgs.map((org) => provisionWorld(this.t, org)));
    }
    return this.ready.shift()!;
  }
}

// ── generated facts ─────────────────────────────────────────────────────────

export interface GenLine {
  qty: number;
  price: number;
  /** Share of the gross line taken off as discount, in percent (0–50). */
  discPct: number;
  giftCard: boolean;
}
export interface GenOrder {
  id: string;
  channel: Channel;
  cust: 'cust-touch' | 'cust-plain';
  codes: string[];
  lines: GenLine[];
  /** Hours after T0+1h. */
  hour: number;
}
export interface GenReturn {
  id: string;
  order: string;
  /** lineIndex → quantity, already clipped to what is left to return. */
  lines: Array<{ line: number; qty: number }>;
}
export interface GenCase {
  orders: GenOrder[];
  returns: GenReturn[];
  cancelled: string[];
}

/** true with probability 1/n (shrinks to false). */
const oneIn = (n: number): fc.Arbitrary<boolean> => fc.integer({ min: 0, max: n - 1 }).map((x) => x === n - 1);

const lineArb: fc.Arbitrary<GenLine> = fc.record({
  qty: fc.integer({ min: 1, max: 4 }),
  price: fc.integer({ min: 1, max: 20_000 }),
  discPct: fc.constantFrom(0, 0, 10, 50),
  giftCard: oneIn(5),
});

const orderArb = (index: number): fc.Arbitrary<GenOrder> =>
  fc.record({
    id: fc.constant(`o${index + 1}`),
    channel: fc.constantFrom<Channel>('ecommerce', 'ecommerce', 'pos'),
    cust: fc.constantFrom<'cust-touch' | 'cust-plain'>('cust-touch', 'cust-plain'),
    codes: fc.constantFrom<string[]>([], ['ADA'], ['BOB'], ['ADA', 'BOB'], ['ADA']),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
    hour: fc.integer({ min: 0, max: 96 }),
  });

/** Up to three returns per order, each a wish per line that is clipped to the quantity still unreturned. */
const returnWishesArb = fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }), { maxLength: 3 });

export const caseArb = (maxOrders = 3): fc.Arbitrary<GenCase> =>
  fc.integer({ min: 1, max: maxOrders }).chain((n) =>
    fc
      .tuple(
        fc.tuple(...Array.from({ length: n }, (_, i) => orderArb(i))),
        fc.array(returnWishesArb, { minLength: n, maxLength: n }),
        fc.array(oneIn(4), { minLength: n, maxLength: n }),
      )
      .map(([orders, wishes, cancels]) => {
        const returns: GenReturn[] = [];
        orders.forEach((o, oi) => {
          const left = o.lines.map((l) => l.qty);
          (wishes[oi] ?? []).forEach((wish) => {
            const lines = o.lines.map((_, li) => ({ line: li, qty: Math.min(wish[li] ?? 0, left[li]!) })).filter((l) => l.qty > 0);
            if (lines.length === 0) return;
            for (const l of lines) left[l.line]! -= l.qty;
            returns.push({ id: `r${returns.length + 1}`, order: o.id, lines });
          });
        });
        return { orders, returns, cancelled: orders.filter((_, i) => cancels[i]).map((o) => o.id) };
      }),
  );

export function orderFact(o: GenOrder): ScmFact {
  const orderedAt = at(T0, HOUR_MS + o.hour * HOUR_MS);
  return {
    type: 'OrderPlaced',
    sourceRef: `scm-order-${o.id}`,
    orderId: o.id,
    channel: o.channel,
    customerRef: o.cust,
    occurredAt: orderedAt,
    currency: EUR,
    lines: o.lines.map((l, i) => ({
      lineId: `L${i + 1}`,
      sku: `SKU-${i + 1}`,
      ...(l.giftCard ? { category: 'gift-cards' } : { category: 'apparel' }),
      quantity: l.qty,
      unitPrice: l.price,
      discount: Math.floor((l.qty * l.price * l.discPct) / 100),
    })),
    codes: o.codes,
  };
}

export function factsOf(c: GenCase): { orders: ScmFact[]; returns: ScmFact[]; cancels: ScmFact[] } {
  const orderedAt = new Map(c.orders.map((o) => [o.id, at(T0, HOUR_MS + o.hour * HOUR_MS)]));
  return {
    orders: c.orders.map(orderFact),
    returns: c.returns.map((r, i) => ({
      type: 'OrderReturned' as const,
      sourceRef: `scm-return-${r.id}`,
      orderId: r.order,
      returnId: r.id,
      occurredAt: at(orderedAt.get(r.order)!, DAY_MS + i * HOUR_MS),
      lines: r.lines.map((l) => ({ lineId: `L${l.line + 1}`, quantity: l.qty })),
    })),
    cancels: c.cancelled.map((id) => ({ type: 'OrderCancelled' as const, sourceRef: `scm-cancel-${id}`, orderId: id, occurredAt: at(orderedAt.get(id)!, 2 * DAY_MS), reason: 'customer_cancelled' })),
  };
}

/** How one delivery goes out: its fact (by index) and the door. Consecutive 'ingest' steps go as one NDJSON batch. */
export interface Step {
  fact: number;
  via: Delivery;
}

/** Delivers steps in order; runs of 'ingest' steps become one scm/ingest batch. Returns the last position. */
export async function deliver(api: LedgerApi, facts: ScmFact[], steps: Step[]): Promise<string | null> {
  let last: string | null = null;
  for (let i = 0; i < steps.length; ) {
    if (steps[i]!.via === 'http') {
      last = (await api.record(facts[steps[i]!.fact]!)) ?? last;
      i++;
      continue;
    }
    const batch: ScmFact[] = [];
    while (i < steps.length && steps[i]!.via === 'ingest') batch.push(facts[steps[i++]!.fact]!);
    last = (await api.ingest(batch)) ?? last;
  }
  return last;
}

/** A readable name of a fact for counterexamples: `order o1`, `return r2/o1`, `cancel o3`. */
export function describeFact(f: ScmFact): string {
  return f.type === 'OrderPlaced' ? `order ${f.orderId}` : f.type === 'OrderReturned' ? `return ${f.returnId}/${f.orderId}` : `cancel ${f.orderId}`;
}

// ── the ledger of one org, comparable across orgs ───────────────────────────

export interface EarningView {
  influencer: InfluencerName;
  state: EarningItem['state'];
  amount: number;
  clawedBack: number;
  /** From earning/get (the read model's bucket columns). */
  buckets: Buckets;
  /** What the state machine says they must be, from state/amount/clawedBack/paid of earning/list. */
  expectedBuckets: Buckets;
}

function bucketsFromAnswer(b: Record<string, unknown> | undefined): Buckets {
  if (!b) throw new Error('earning/get answered no buckets');
  return { pending: moneyMinor(b.pending), held: moneyMinor(b.held), payable: moneyMinor(b.payable), paid: moneyMinor(b.paid), clawedBack: moneyMinor(b.clawedBack) };
}

export interface LedgerSnapshot {
  /** `<orderId>#<level>` → the earning. */
  earnings: Record<string, EarningView>;
  /** Per influencer name: balance/get buckets in EUR. */
  balances: Record<InfluencerName, Buckets>;
}

export async function ledgerOf(world: World, position: string | null): Promise<{ snapshot: LedgerSnapshot; items: EarningItem[] }> {
  const nameOf = new Map(Object.entries(world.influencers).map(([name, id]) => [id, name as InfluencerName]));
  const items = await world.api.earnings({}, position);
  // Each earning's buckets as the read model keeps them (earning/get), not recomputed here.
  const details = await Promise.all(items.map((item) => world.api.earning(item.earningId, position)));
  const earnings: Record<string, EarningView> = {};
  for (const [i, item] of items.entries()) {
    const key = `${item.orderId}#${item.level}`;
    if (earnings[key]) throw new Error(`${world.org}: two earnings for ${key}: ${JSON.stringify(items.filter((i) => `${i.orderId}#${i.level}` === key))}`);
    earnings[key] = {
      influencer: nameOf.get(item.influencerId) ?? (`unknown:${item.influencerId}` as InfluencerName),
      state: item.state,
      amount: moneyMinor(item.amount),
      clawedBack: moneyMinor(item.clawedBack),
      buckets: bucketsFromAnswer(details[i]!.buckets),
      expectedBuckets: bucketsOfItem(item),
    };
  }
  const read = await Promise.all(INFLUENCERS.map((name) => world.api.query('balance/get', { influencerId: world.influencers[name] }, position)));
  const balances = Object.fromEntries(INFLUENCERS.map((name, i) => [name, balanceIn(read[i], EUR)])) as Record<InfluencerName, Buckets>;
  return { snapshot: { earnings: sortKeys(earnings), balances }, items };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Conservation, checked on one org's read models: per earning 0 ≤ clawedBack ≤ amount, its buckets (earning/get)
 * sum to its amount and sit where its state says; per influencer balance/get's buckets equal the sum of its earnings' buckets, so
 * accrued = pending + held + payable + paid + clawedBack. Returns the problems (empty = conserved).
 */
export function conservationProblems(s: LedgerSnapshot): string[] {
  const problems: string[] = [];
  const totals = Object.fromEntries(INFLUENCERS.map((n) => [n, { accrued: 0, pending: 0, held: 0, payable: 0, paid: 0, clawedBack: 0 }]));
  for (const [key, e] of Object.entries(s.earnings)) {
    if (!(e.clawedBack >= 0 && e.clawedBack <= e.amount)) problems.push(`${key}: clawedBack ${e.clawedBack} outside 0..${e.amount}`);
    if ((e.state === 'clawed_back') !== (e.clawedBack === e.amount && e.state !== 'paid')) problems.push(`${key}: state ${e.state} with clawedBack ${e.clawedBack} of ${e.amount}`);
    if (sumBuckets(e.buckets) !== e.amount) problems.push(`${key}: buckets ${JSON.stringify(e.buckets)} do not sum to ${e.amount}`);
    if (JSON.stringify(e.buckets) !== JSON.stringify(e.expectedBuckets)) problems.push(`${key}: earning/get buckets ${JSON.stringify(e.buckets)} ≠ ${JSON.stringify(e.expectedBuckets)} for state ${e.state}`);
    const total = totals[e.influencer];
    if (!total) {
      problems.push(`${key}: earning of an unknown influencer`);
      continue;
    }
    total.accrued += e.amount;
    for (const k of ['pending', 'held', 'payable', 'paid', 'clawedBack'] as const) total[k] += e.buckets[k];
  }
  for (const name of INFLUENCERS) {
    const { accrued, ...fromEarnings } = totals[name]!;
    const balance = s.balances[name];
    if (JSON.stringify(balance) !== JSON.stringify(fromEarnings)) problems.push(`${name}: balance/get ${JSON.stringify(balance)} ≠ sum of earning/list ${JSON.stringify(fromEarnings)}`);
    if (sumBuckets(balance) !== accrued) problems.push(`${name}: accrued ${accrued} ≠ pending+held+payable+paid+clawedBack ${sumBuckets(balance)}`);
  }
  return problems;
}

/** `{ stream suffix: { EventType: n } }` for the org's order and influencer streams and each influencer's earning streams: what was appended, counted. */
export async function eventCounts(t: TestApp, world: World, orderIds: string[]): Promise<Record<string, Record<string, number>>> {
  const counts: Record<string, Record<string, number>> = {};
  // A hold other than the period hold (a fraud flag's, ADR 0015) counts apart: `HoldPlaced` stays one per earning.
  const keyOf = (e: RecordedEvent) => (e.type === 'HoldPlaced' && e.data.kind !== 'period' ? `HoldPlaced:${String(e.data.kind)}` : e.type);
  const count = (events: RecordedEvent[]) => events.reduce<Record<string, number>>((acc, e) => ({ ...acc, [keyOf(e)]: (acc[keyOf(e)] ?? 0) + 1 }), {});
  for (const orderId of orderIds) counts[`order ${orderId}`] = count(await streamEvents(t, 'order', world.org, orderId));
  for (const name of INFLUENCERS) counts[`influencer ${name}`] = count(await streamEvents(t, 'influencer', world.org, world.influencers[name]));
  for (const name of INFLUENCERS) counts[`earnings of ${name}`] = count(await ledgerEventsOf(t, world.org, world.influencers[name]));
  return counts;
}

/** Per earning id, the sum of EarningClawedBack amounts in the influencers' earning streams (the event store's view). */
export async function clawedBackInStore(t: TestApp, world: World): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  for (const name of INFLUENCERS) {
    for (const e of await ledgerEventsOf(t, world.org, world.influencers[name])) {
      if (e.type !== 'EarningClawedBack') continue;
      const data = e.data as { earningId: string; amount: { amount: number } };
      sums.set(data.earningId, (sums.get(data.earningId) ?? 0) + data.amount.amount);
    }
  }
  return sums;
}
