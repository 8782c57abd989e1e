// Proves the attribution & earnings process manager on real PostgreSQL (event store + real program catalog): decisions and accruals on bounded streams (an earning's, the order's conversion, the month tally read by its last event), order-independence under permutation, duplication and interleaved runs (fast-check), returns/cancellations before the order, crash replay as a no-op, and the retry on a concurrent SCM fact.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { EventStore, Position, StreamAppend } from '@ledger/event-store';
import { DAY_MS, LIMITS } from '@ledger/kernel';
import { at, cancelOrder, PmWorld, recordOrder, recordReturn, T0, type Program } from './testing/pm-world';
import { ORDER_EARNINGS_PM, ORDER_FACTS } from './order-earnings.loop';
import { OrderEarningsProcessor } from './order-earnings.processor';
import type { OrderCommand } from '@ledger/orders';

let w: PmWorld;
beforeAll(async () => {
  w = await PmWorld.create();
}, 60_000);
afterAll(() => w?.close());

const HOUR_MS = 3_600_000;
let orgs = 0;
const freshOrg = () => `pm-${++orgs}`;
const ORDERED = at(T0, 2 * HOUR_MS);
const LINES = [
  { lineId: 'a', sku: 'SKU-A', quantity: 3, unitPrice: 3_000 }, // base 9 000
  { lineId: 'b', sku: 'SKU-B', quantity: 1, unitPrice: 3_000, discount: 500 }, // base 2 500
];

const countTypes = (events: Array<{ type: string }>) => events.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.type]: (acc[e.type] ?? 0) + 1 }), {});

describe('deciding an order', () => {
  it('appends the decision, the conversion and level-1 + referral accruals held until occurredAt + holdDays', async () => {
    const p = await w.programs(freshOrg());
    await w.deliver(p.org, recordOrder('o1', ORDERED, LINES));
    await w.catchUp();

    const order = await w.stream('order', p.org, 'o1');
    expect(order.map((e) => e.type)).toEqual(['OrderRecorded', 'AttributionDecided']);
    const decision = order[1]!;
    expect(decision.data).toMatchObject({ orderId: 'o1', attributed: true, campaignId: p.campaignId, influencerId: p.childId, rulesVersion: 1 });
    expect(decision.metadata).toMatchObject({ org: p.org, actorId: 'system:attribution', causationId: order[0]!.id, correlationId: order[0]!.metadata.correlationId, occurredAt: ORDERED, sourceRef: 'scm-o1' });

    // ADR 0009: the conversion on its own stream, none on the campaign's; ledger events on each earning's stream.
    const conversion = await w.stream('conversion', p.org, 'o1');
    expect(conversion.map((e) => e.data)).toEqual([
      expect.objectContaining({ orderId: 'o1', influencerId: p.childId, commissionBase: { amount: 11_500, currency: 'EUR' }, basis: expect.objectContaining({ code: 'ADA10' }) }),
    ]);
    expect((await w.stream('campaign', p.org, p.campaignId)).map((e) => e.type)).toEqual(['CampaignCreated', 'CampaignActivated']);
    expect((await w.stream('influencer', p.org, p.childId)).map((e) => e.type)).toEqual(['InfluencerRegistered']);

    const child = await w.earningEvents(p.org, p.childId);
    expect(child.map((e) => [e.type, e.data.kind ?? e.data.amount])).toEqual([
      ['EarningAccrued', { amount: 1_150, currency: 'EUR' }],
      ['HoldPlaced', 'period'],
    ]);
    expect(new Set(child.map((e) => e.stream))).toEqual(new Set([`earning-${p.org}.${child[0]!.data.earningId}`]));
    expect(child[1]!.data.holdUntil).toBe(at(ORDERED, 14 * DAY_MS));
    const parent = (await w.earningEvents(p.org, p.parentId)).filter((e) => e.type === 'EarningAccrued');
    expect(parent.map((e) => [e.data.level, e.data.amount])).toEqual([[2, { amount: 288, currency: 'EUR' }]]); // 25 % of 1 150, half up

    // The winner's month: running totals of level-1 earnings (the referral's level 2 does not count).
    const month = await w.stream('earningmonth', p.org, `${p.childId}.${p.campaignId}.EUR.2026-03`);
    expect(month.map((e) => [e.type, e.data.orderId, e.data.before, e.data.after])).toEqual([
      ['EarningsMonthTallied', 'o1', { orders: 0, revenueMinor: 0, earnedMinor: 0, bonuses: 0 }, { orders: 1, revenueMinor: 11_500, earnedMinor: 1_150, bonuses: 0 }],
    ]);
  });

  it('takes month-to-date from the tally\'s last event, across runs: a tier reached by earlier orders applies, a monthly cap binds', async () => {
    const p = await w.programs(freshOrg(), {
      earnings: { type: 'tiered', basis: 'orders', tiers: [{ from: 1, rateBps: 1_000 }, { from: 3, rateBps: 2_000 }] },
      caps: { perMonth: { amount: 4_000, currency: 'EUR' } },
    } as never);
    await w.deliver(p.org, recordOrder('o1', ORDERED, LINES));
    await w.deliver(p.org, recordOrder('o2', at(ORDERED, HOUR_MS), LINES));
    await w.catchUp(); // one run: o2 sees o1 in memory
    await w.deliver(p.org, recordOrder('o3', at(ORDERED, 2 * HOUR_MS), LINES));
    await w.catchUp(); // another run: o3 reads the tally's last event (2 orders) and reaches tier 3
    await w.deliver(p.org, recordOrder('o4', at(ORDERED, 3 * HOUR_MS), LINES));
    await w.catchUp();
    const ledger = await w.ledger(p.org, [p.childId]);
    // 10 %, 10 %, then 20 % of 11 500; o4's 2 300 is capped to what is left of the month's 4 000.
    expect([ledger['o1#1']?.amount, ledger['o2#1']?.amount, ledger['o3#1']?.amount, ledger['o4#1']?.amount]).toEqual([1_150, 1_150, 1_700, undefined]);
    const month = await w.stream('earningmonth', p.org, `${p.childId}.${p.campaignId}.EUR.2026-03`);
    expect(month.at(-1)!.data.after).toEqual({ orders: 3, revenueMinor: 34_500, earnedMinor: 4_000, bonuses: 0 });
  });

  it('decides an order nobody earns on too, with the reason, so "no earning" is never just "not yet"', async () => {
    const p = await w.programs(freshOrg());
    await w.deliver(p.org, recordOrder('o-none', ORDERED, LINES, { codes: [] }));
    await w.catchUp();
    const decided = (await w.stream('order', p.org, 'o-none')).filter((e) => e.type === 'AttributionDecided');
    expect(decided.map((e) => e.data)).toEqual([{ orderId: 'o-none', attributed: false, reason: 'no_candidates', earnings: [] }]);
    expect(await w.ledger(p.org, [p.childId, p.parentId])).toEqual({});
  });
});

describe('order-independence', () => {
  const facts: OrderCommand[] = [
    recordOrder('o1', ORDERED, LINES),
    recordReturn('o1', 'r1', at(ORDERED, DAY_MS), [{ lineId: 'a', quantity: 1 }]),
    recordReturn('o1', 'r2', at(ORDERED, 2 * DAY_MS), [{ lineId: 'a', quantity: 1 }, { lineId: 'b', quantity: 1 }]),
    recordOrder('o2', at(ORDERED, HOUR_MS), [{ lineId: 'x', sku: 'SKU-X', quantity: 4, unitPrice: 2_501 }]),
    recordReturn('o2', 'r3', at(ORDERED, 3 * DAY_MS), [{ lineId: 'x', quantity: 3 }]),
    cancelOrder('o2', at(ORDERED, 4 * DAY_MS)),
  ];

  async function ledgerOf(p: Program) {
    return w.ledger(p.org, [p.childId, p.parentId]);
  }

  it('the expected ledger when the facts come once, in order', async () => {
    const p = await w.programs(freshOrg());
    for (const fact of facts) await w.deliver(p.org, fact);
    await w.catchUp();
    const ledger = await ledgerOf(p);
    // o1: 1 150 = a 900 + b 250; r1 → floor(900 × 1/3) = 300; r2 → a to 600, b 250: 850 in all.
    expect(ledger['o1#1']).toMatchObject({ state: 'held', amount: 1_150, clawedBack: 850, buckets: { held: 300, clawedBack: 850 } });
    // Level 2: 288 = a 225 + b 63 (largest remainder); r1 + r2: a floor(225 × 2/3) = 150, b 63.
    expect(ledger['o1#2']).toMatchObject({ state: 'held', amount: 288, clawedBack: 213 });
    expect(ledger['o2#1']).toMatchObject({ state: 'clawed_back', amount: 1_000, clawedBack: 1_000 });
    expect(ledger['o2#2']).toMatchObject({ state: 'clawed_back', amount: 250, clawedBack: 250 });
  });

  it('any permutation and duplication of the facts, with the process manager running at any points in between, gives that ledger', async () => {
    const reference = await w.programs(freshOrg());
    for (const fact of facts) await w.deliver(reference.org, fact);
    await w.catchUp();
    const expected = await ledgerOf(reference);

    const plan = fc
      .array(fc.integer({ min: 1, max: 3 }), { minLength: facts.length, maxLength: facts.length })
      .chain((copies) => {
        const deliveries = copies.flatMap((n, i) => Array.from({ length: n }, () => i));
        return fc.tuple(
          fc.shuffledSubarray(deliveries, { minLength: deliveries.length, maxLength: deliveries.length }),
          fc.array(fc.boolean(), { minLength: deliveries.length, maxLength: deliveries.length }),
          fc.integer({ min: 1, max: 4 }),
        );
      });
    await fc.assert(
      fc.asyncProperty(plan, async ([order, runAfter, batchEvents]) => {
        const p = await w.programs(freshOrg());
        // Small batches split an order's facts over several batches too.
        const loop = w.loop({ batchEvents });
        for (let i = 0; i < order.length; i++) {
          await w.deliver(p.org, facts[order[i]!]!);
          if (runAfter[i]) await w.catchUp(loop);
        }
        await w.catchUp(loop);
        expect(await ledgerOf(p)).toEqual(expected);
        const counts = countTypes(await w.stream('order', p.org, 'o1'));
        expect(counts).toEqual({ OrderRecorded: 1, OrderReturned: 2, AttributionDecided: 1 });
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 40), seed: Number(process.env.FC_SEED ?? 20_260_302) },
    );
  }, 300_000);

  it('a return before its order, and a cancellation before its order: accrued, then clawed back as if they came after', async () => {
    const p = await w.programs(freshOrg());
    await w.deliver(p.org, recordReturn('o1', 'r1', at(ORDERED, DAY_MS), [{ lineId: 'a', quantity: 2 }]));
    await w.deliver(p.org, cancelOrder('o2', at(ORDERED, DAY_MS)));
    await w.catchUp();
    expect(await ledgerOf(p)).toEqual({}); // nothing to decide yet, nothing lost either
    expect((await w.stream('order', p.org, 'o1')).map((e) => e.type)).toEqual(['OrderReturned']);

    await w.deliver(p.org, recordOrder('o1', ORDERED, LINES));
    await w.deliver(p.org, recordOrder('o2', ORDERED, LINES));
    await w.catchUp();
    const ledger = await ledgerOf(p);
    expect(ledger['o1#1']).toMatchObject({ state: 'held', amount: 1_150, clawedBack: 600 });
    expect(ledger['o2#1']).toMatchObject({ state: 'clawed_back', amount: 1_150, clawedBack: 1_150 });
    const clawbacks = (await w.earningEvents(p.org, p.childId)).filter((e) => e.type === 'EarningClawedBack');
    expect(clawbacks.map((e) => e.data.reference)).toEqual([
      { kind: 'return', id: 'r1' },
      { kind: 'cancellation', id: 'o2' },
    ]);
    expect(clawbacks[0]!.metadata).toMatchObject({ sourceRef: 'scm-r1', occurredAt: at(ORDERED, DAY_MS), actorId: 'system:attribution' });
  });
});

describe('refusals', () => {
  it('an order a decider refuses is logged and left undecided; the other orders of the batch go on', async () => {
    const p = await w.programs(freshOrg());
    // A catalog whose rules earn more than any amount the ledger accepts on order o-bad only.
    const huge = { type: 'fixed' as const, amount: { amount: 2_000_000_000_000, currency: 'EUR' } };
    const catalog = {
      waitFor: (position: Position, timeoutMs: number) => w.catalog.waitFor(position, timeoutMs),
      view: (org: string) => {
        const real = w.catalog.view(org);
        return {
          ...real,
          findCode: (code: string) => real.findCode(code),
          findInfluencer: (id: string) => real.findInfluencer(id),
          findCampaign: (id: string) => {
            const campaign = real.findCampaign(id);
            return campaign && { ...campaign, rulesVersions: campaign.rulesVersions.map((v) => ({ ...v, rules: { ...v.rules, channelOverrides: { pos: { earnings: huge } } } })) };
          },
        };
      },
    };
    const errors: string[] = [];
    const loop = w.loop({ catalog, log: { error: (message: string) => errors.push(message) } });
    await w.deliver(p.org, recordOrder('o-bad', ORDERED, LINES, { channel: 'pos' }));
    await w.deliver(p.org, recordOrder('o-good', ORDERED, LINES));
    await w.catchUp(loop);
    expect(errors).toEqual(["the ledger refused work on an order; recorded, and tried again with the order's next fact"]);
    expect((await w.stream('order', p.org, 'o-bad')).map((e) => e.type)).toEqual(['OrderRecorded']);
    expect(Object.keys(await w.ledger(p.org, [p.childId, p.parentId]))).toEqual(['o-good#1', 'o-good#2']);
  });
});

describe('crashes and concurrency', () => {
  it('an earning written by someone else between two runs that carry their books: the clawback meets the new revision, reloads, and lands after it', async () => {
    const p = await w.programs(freshOrg());
    const loop = w.loop(); // one processor for both runs: the second starts from the books the first carried
    await w.deliver(p.org, recordOrder('o1', ORDERED, LINES));
    await w.catchUp(loop);
    const [accrued] = await w.earningEvents(p.org, p.childId);
    const stream = accrued!.stream;
    // A manual hold from a command, at the revision the command read: the carried book does not know it.
    await w.store.append(stream, [{ id: randomUUID(), type: 'HoldPlaced', data: { earningId: accrued!.data.earningId, kind: 'manual', reasonCode: 'review', at: at(ORDERED, HOUR_MS) }, metadata: accrued!.metadata }], { expectedRevision: 1n });
    await w.deliver(p.org, recordReturn('o1', 'r1', at(ORDERED, DAY_MS), [{ lineId: 'a', quantity: 1 }]));
    await w.catchUp(loop);
    expect((await w.stream('earning', p.org, accrued!.data.earningId as string)).map((e) => [e.type, e.revision])).toEqual([
      ['EarningAccrued', 0n],
      ['HoldPlaced', 1n],
      ['HoldPlaced', 2n],
      ['EarningClawedBack', 3n],
    ]);
    expect((await w.ledger(p.org, [p.childId]))['o1#1']).toMatchObject({ amount: 1_150, clawedBack: 300 });
  });

  it('a batch appended but not checkpointed (crash in between) replays as a no-op', async () => {
    const p = await w.programs(freshOrg());
    await w.deliver(p.org, recordOrder('o1', ORDERED, LINES));
    await w.deliver(p.org, recordReturn('o1', 'r1', at(ORDERED, DAY_MS), [{ lineId: 'a', quantity: 1 }]));
    // Everything the loop would do, minus the checkpoint: the "crash" comes right after the append.
    await w.waitVisible();
    const pending = await w.store.readAll({ after: null, maxCount: 10_000, filter: ORDER_FACTS });
    await new OrderEarningsProcessor(w.store, w.catalog).process(pending.filter((e) => e.stream.includes(`-${p.org}.`)));
    const before = { order: await w.stream('order', p.org, 'o1'), child: await w.earningEvents(p.org, p.childId) };
    expect(countTypes(before.order)).toEqual({ OrderRecorded: 1, OrderReturned: 1, AttributionDecided: 1 });
    expect(countTypes(before.child)).toMatchObject({ EarningAccrued: 1, HoldPlaced: 1, EarningClawedBack: 1 });

    await w.catchUp(); // restarts from the old checkpoint and sees the same facts again
    expect(await w.stream('order', p.org, 'o1')).toEqual(before.order);
    expect(await w.earningEvents(p.org, p.childId)).toEqual(before.child);
  });

  it('two instances taking turns, each remembering the checkpoint it moved: the one with a stale checkpoint fails its move, reloads, and nothing is decided twice', async () => {
    const p = await w.programs(freshOrg());
    const first = w.loop();
    const second = w.loop();
    await w.deliver(p.org, recordOrder('o1', ORDERED, LINES));
    await w.catchUp(first); // first remembers the checkpoint after o1
    await w.deliver(p.org, recordOrder('o2', ORDERED, LINES));
    await w.catchUp(second); // second moves it past o2: first's memory is stale now
    await w.deliver(p.org, recordOrder('o3', ORDERED, LINES));
    await w.catchUp(first); // from its stale checkpoint: o2 again (a no-op), o3; the move fails
    await w.catchUp(first); // reloaded from the table: on to the head
    const head = await w.store.headPosition();
    const row = await w.db.selectFrom('projection_checkpoint').select(['commit_position', 'prepare_position']).where('name', '=', ORDER_EARNINGS_PM).executeTakeFirstOrThrow();
    expect([row.commit_position, row.prepare_position].map(String)).toEqual([head!.commit, head!.prepare].map(String));
    for (const order of ['o1', 'o2', 'o3']) expect(countTypes(await w.stream('order', p.org, order))).toEqual({ OrderRecorded: 1, AttributionDecided: 1 });
    expect(Object.keys(await w.ledger(p.org, [p.childId, p.parentId])).sort()).toEqual(['o1#1', 'o1#2', 'o2#1', 'o2#2', 'o3#1', 'o3#2']);
  });

  it('an SCM fact landing between the read and the append on the first order: the batch append fails whole, that order goes on its own, reloaded, then the rest', async () => {
    const p = await w.programs(freshOrg());
    await w.deliver(p.org, recordOrder('o1', ORDERED, LINES));
    await w.deliver(p.org, recordOrder('o2', ORDERED, LINES));
    let calls = 0;
    // The real store, with another writer getting in just before the process manager's first append.
    const racing: EventStore = Object.create(w.store, {
      appendMany: {
        value: async (appends: StreamAppend[]) => {
          calls += 1;
          if (calls === 1) await w.deliver(p.org, recordReturn('o1', 'r-race', at(ORDERED, DAY_MS), [{ lineId: 'b', quantity: 1 }]));
          return w.store.appendMany(appends);
        },
      },
    });
    await w.catchUp(w.loop({ store: racing }));
    // One failed batch append, then o1 alone (reloaded with its return), then the rest; then the return's own batch (nothing to add).
    expect(calls).toBe(3);
    expect(countTypes(await w.stream('order', p.org, 'o1'))).toEqual({ OrderRecorded: 1, OrderReturned: 1, AttributionDecided: 1 });
    expect(countTypes(await w.stream('order', p.org, 'o2'))).toEqual({ OrderRecorded: 1, AttributionDecided: 1 });
    const ledger = await w.ledger(p.org, [p.childId]);
    expect(ledger['o1#1']).toMatchObject({ amount: 1_150, clawedBack: 250 });
    expect(ledger['o2#1']).toMatchObject({ amount: 1_150, clawedBack: 0 });
  });

  it('an SCM fact landing on an order in the middle of the batch: the batch is cut there, not split order by order, and keeps its order', async () => {
    const p = await w.programs(freshOrg());
    const ids = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'];
    for (const [i, id] of ids.entries()) await w.deliver(p.org, recordOrder(id, at(ORDERED, i * HOUR_MS), LINES));
    let calls = 0;
    const racing: EventStore = Object.create(w.store, {
      appendMany: {
        value: async (appends: StreamAppend[]) => {
          calls += 1;
          if (calls === 1) await w.deliver(p.org, recordReturn('o4', 'r-race', at(ORDERED, DAY_MS), [{ lineId: 'b', quantity: 1 }]));
          return w.store.appendMany(appends);
        },
      },
    });
    await w.catchUp(w.loop({ store: racing }));
    // One failed batch append, then o1–o3 as one run, then o4 (reloaded with its return) to o6 as another.
    expect(calls).toBe(3);
    for (const id of ids) expect(countTypes(await w.stream('order', p.org, id))).toMatchObject({ OrderRecorded: 1, AttributionDecided: 1 });
    const ledger = await w.ledger(p.org, [p.childId]);
    expect(ledger['o4#1']).toMatchObject({ amount: 1_150, clawedBack: 250 });
    // Accrued in $all order all the same: o1's earning first, o6's last (so the month tally counted them in that order).
    const accrued = (await w.earningEvents(p.org, p.childId)).filter((e) => e.type === 'EarningAccrued').map((e) => e.data.orderId);
    expect(accrued).toEqual(ids);
  });
  it('chunks appended while the next orders are decided: a chunk that meets a concurrent fact fails with nothing after it sent; the month tally and the accruals stay in $all order', async () => {
    const p = await w.programs(freshOrg());
    const ids = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'];
    for (const [i, id] of ids.entries()) await w.deliver(p.org, recordOrder(id, at(ORDERED, i * HOUR_MS), LINES));
    const limits = LIMITS.ledger as { attributionAppendEvents: number };
    const chunkEvents = limits.attributionAppendEvents;
    limits.attributionAppendEvents = 1; // a chunk per order: each order's append is in flight while the next is decided
    let calls = 0;
    let inFlight = 0;
    let overlapped = false;
    const racing: EventStore = Object.create(w.store, {
      appendMany: {
        value: async (appends: StreamAppend[]) => {
          calls += 1;
          inFlight += 1;
          overlapped ||= inFlight > 1;
          try {
            // The second chunk (o2's) meets a return that landed on o2 meanwhile; o3 is being decided on top of the first two.
            if (calls === 2) await w.deliver(p.org, recordReturn('o2', 'r-race', at(ORDERED, DAY_MS), [{ lineId: 'b', quantity: 1 }]));
            return await w.store.appendMany(appends);
          } finally {
            inFlight -= 1;
          }
        },
      },
    });
    try {
      await w.catchUp(w.loop({ store: racing }));
    } finally {
      limits.attributionAppendEvents = chunkEvents;
    }
    expect(overlapped).toBe(false); // one chunk in flight at a time
    expect(calls).toBeGreaterThan(ids.length); // o2's chunk failed and went again
    for (const id of ids) expect(countTypes(await w.stream('order', p.org, id))).toMatchObject({ OrderRecorded: 1, AttributionDecided: 1 });
    const ledger = await w.ledger(p.org, [p.childId]);
    expect(ledger['o2#1']).toMatchObject({ amount: 1_150, clawedBack: 250 });
    const accrued = (await w.earningEvents(p.org, p.childId)).filter((e) => e.type === 'EarningAccrued').map((e) => e.data.orderId);
    expect(accrued).toEqual(ids);
    // The tally counted every order once, in that order: one event per order, each expecting the revision the chunk before left.
    const month = await w.stream('earningmonth', p.org, `${p.childId}.${p.campaignId}.EUR.2026-03`);
    expect(month.map((e) => (e.data as { orderId: string }).orderId)).toEqual(ids);
  });
});
