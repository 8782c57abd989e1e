// Proves SPEC acceptance scenarios 1–3, duplicate and out-of-order SCM delivery, and a long influencer history end to end over HTTP on real PostgreSQL (startTestApp, FixedClock at T0; one org per scenario).
import { FixedClock } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';
import { LAST_TOUCH_TEN_PERCENT, LedgerApi, moneyMinor, type CampaignInput, type EarningItem, type ScmFact } from '../support/ledger-api';
import { at, countByType, DAY_MS, HOUR_MS, sameInstant, streamEvents, transitionsOf } from '../support/ledger-world';
import { settle, waitForCatalog } from '../support/settle';

const T0 = '2026-03-02T09:00:00.000Z';
const EUR = 'EUR';
const clock = new FixedClock(new Date(T0));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
}, 120_000);
afterAll(() => t?.close());
beforeEach(() => clock.set(new Date(T0)));

interface Program {
  api: LedgerApi;
  campaignId: string;
  influencerId: string;
  code: string;
  /** Of the code's issue: checkout may be asked to read it (X-Consistency-Position). */
  position: string | null;
}

/** Campaign (active at T0), one influencer, one coupon code — every management command at the clock's now (T0). */
async function program(org: string, rules: CampaignInput = LAST_TOUCH_TEN_PERCENT, code = 'ADA10', codeExtras: { channels?: Array<'ecommerce' | 'pos'>; discount?: any } = {}): Promise<Program> {
  const api = new LedgerApi(t, org, 'manager-mia');
  const campaign = await api.createActiveCampaign(rules);
  const influencer = await api.createProfile({ name: 'Ada Influencer', email: `ada@${org}.example` });
  const issued = await api.createCode({ campaignId: campaign.id, influencerId: influencer.id, code, kind: 'coupon', ...codeExtras });
  expect(issued.code).toBe(code);
  await waitForCatalog(t, issued.position); // checkout answers from the in-memory catalog (see README)
  return { api, campaignId: campaign.id, influencerId: influencer.id, code, position: issued.position };
}

const order = (orderId: string, customerRef: string, occurredAt: string, lines: Extract<ScmFact, { type: 'OrderPlaced' }>['lines'], extras: { codes?: string[]; channel?: 'ecommerce' | 'pos' } = {}): ScmFact => ({
  type: 'OrderPlaced',
  sourceRef: `scm-${orderId}`,
  orderId,
  channel: extras.channel ?? 'ecommerce',
  customerRef,
  occurredAt,
  currency: EUR,
  lines,
  ...(extras.codes ? { codes: extras.codes } : {}),
});

const returned = (orderId: string, returnId: string, occurredAt: string, lines: Array<{ lineId: string; quantity: number }>): ScmFact => ({
  type: 'OrderReturned',
  sourceRef: `scm-${returnId}`,
  orderId,
  returnId,
  occurredAt,
  lines,
  reason: 'customer_return',
});

/** The single earning of an order (level 1), read with X-Consistency-Position after the app settled. */
async function onlyEarning(api: LedgerApi, orderId: string, position: string | null): Promise<EarningItem> {
  await settle(t);
  const items = await api.earnings({ orderId }, position);
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe('Scenario 1 — last-touch code with a 14-day hold', () => {
  it('accrues held earnings (code applied at checkout, or on the order), releases them when due and early by finance, with audited transitions', async () => {
    const { api, campaignId, influencerId, code, position } = await program('acc-s1');

    // Checkout applies the code at T0+1h (the clock's now: checkout happens now): valid, answered from the catalog.
    clock.set(new Date(at(T0, HOUR_MS)));
    const applied = await api.applyCode({ code: code.toLowerCase(), channel: 'ecommerce', customerRef: 'cust-touch', subtotal: { amount: 10_000, currency: EUR }, occurredAt: at(T0, HOUR_MS) }, position);
    expect(applied).toMatchObject({ valid: true, influencerId, campaignId });

    // Order without a code from the customer who applied it, and an order carrying the code (another customer, no touch).
    const orderedAt = at(T0, 2 * HOUR_MS);
    const byTouch = order('s1-touch', 'cust-touch', orderedAt, [
      { lineId: 'l1', sku: 'SKU-JACKET', category: 'outerwear', quantity: 2, unitPrice: 4_000, discount: 500 }, // base 7 500
      { lineId: 'l2', sku: 'SKU-SCARF', quantity: 1, unitPrice: 2_500 }, // base 2 500
    ]);
    const byCode = order('s1-code', 'cust-walk-in', orderedAt, [{ lineId: 'l1', sku: 'SKU-BOOTS', quantity: 3, unitPrice: 1_500 }], { codes: [code] }); // base 4 500
    await api.record(byTouch);
    const lastOrder = await api.record(byCode);

    const holdUntil = at(orderedAt, 14 * DAY_MS);
    const eTouch = await onlyEarning(api, 's1-touch', lastOrder);
    const eCode = await onlyEarning(api, 's1-code', lastOrder);
    for (const [earning, orderId, amount] of [[eTouch, 's1-touch', 1_000], [eCode, 's1-code', 450]] as const) {
      expect(earning).toMatchObject({ orderId, influencerId, campaignId, channel: 'ecommerce', level: 1, state: 'held', amount: { amount, currency: EUR } });
      expect(moneyMinor(earning.clawedBack)).toBe(0);
      expect(sameInstant(earning.holdUntil, holdUntil)).toBe(true);
    }

    // Due release before holdUntil: nothing moves.
    const early = await api.releaseDue(at(holdUntil, -60_000));
    const stillHeld = await api.earnings({ influencerId }, early.position);
    expect(stillHeld.map((e) => e.state).sort()).toEqual(['held', 'held']);

    // Finance releases the code order's earning early (the clock is a day after T0).
    clock.set(new Date(at(T0, DAY_MS)));
    const released = await api.release({ earningIds: [eCode.earningId], reasonCode: 'vip_early_release', note: 'approved by finance lead' }, 'inf_finance', 'finance-fiona');
    expect(released.position).toEqual(expect.stringMatching(/^\d+-\d+$/));
    const afterEarly = await api.earning(eCode.earningId, released.position);
    expect(afterEarly).toMatchObject({ earningId: eCode.earningId, state: 'payable', sourceRef: 'scm-s1-code', buckets: { held: { amount: 0 }, payable: { amount: 450, currency: EUR } } });
    // Every transition says who (actor, role), why (reason code), from which fact (source ref) and when.
    expect(transitionsOf(afterEarly)).toEqual([
      expect.objectContaining({ type: 'EarningAccrued', fromState: null, toState: 'pending', amount: { amount: 450, currency: EUR }, sourceRef: 'scm-s1-code', at: orderedAt }),
      expect.objectContaining({ type: 'HoldPlaced', fromState: 'pending', toState: 'held', holdKind: 'period', reasonCode: expect.any(String), at: orderedAt }),
      expect.objectContaining({
        type: 'HoldReleased',
        fromState: 'held',
        toState: 'payable',
        holdKind: 'period',
        actorId: 'finance-fiona',
        role: 'inf_finance',
        reasonCode: 'vip_early_release',
        note: 'approved by finance lead',
        at: at(T0, DAY_MS), // the clock's now
      }),
    ]);
    const untouched = await api.earning(eTouch.earningId, released.position);
    expect(untouched.state).toBe('held');

    // Due release at/after holdUntil: the automatic path makes the other earning payable; the early one stays payable.
    const due = await api.releaseDue(at(holdUntil, 60_000));
    expect(due).toMatchObject({ released: 1 });
    const afterDue = await api.earnings({ influencerId }, due.position);
    expect(Object.fromEntries(afterDue.map((e) => [e.orderId, e.state]))).toEqual({ 's1-touch': 'payable', 's1-code': 'payable' });
    const automatic = transitionsOf(await api.earning(eTouch.earningId, due.position));
    expect(automatic.map((tr) => tr.type)).toEqual(['EarningAccrued', 'HoldPlaced', 'HoldReleased']);
    expect(automatic[2]).toMatchObject({ fromState: 'held', toState: 'payable', holdKind: 'period', at: holdUntil }); // dated at the hold's end
    expect(automatic[2]!.reasonCode).not.toBe('vip_early_release');
    expect(transitionsOf(await api.earning(eCode.earningId, due.position))).toHaveLength(3); // not released twice

    const balance = await api.balance(influencerId, EUR, due.position);
    expect(balance).toEqual({ pending: 0, held: 0, payable: 1_450, paid: 0, clawedBack: 0 });
  });
});

describe('Scenario 2 — a return claws back', () => {
  it('a full return claws back the whole earning; a partial return of one of two lines, that line pro rata; the balance shows it', async () => {
    const { api, influencerId, code } = await program('acc-s2');
    const orderedAt = at(T0, 2 * HOUR_MS);
    await api.record(order('s2-full', 'cust-1', orderedAt, [{ lineId: 'l1', sku: 'SKU-A', quantity: 2, unitPrice: 5_000 }], { codes: [code] })); // base 10 000 → 1 000
    const placed = await api.record(
      order('s2-part', 'cust-2', orderedAt, [
        { lineId: 'a', sku: 'SKU-A', quantity: 3, unitPrice: 3_000 }, // base 9 000 → 900
        { lineId: 'b', sku: 'SKU-B', quantity: 1, unitPrice: 3_000, discount: 500 }, // base 2 500 → 250
      ], { codes: [code] }),
    );
    const full = await onlyEarning(api, 's2-full', placed);
    const part = await onlyEarning(api, 's2-part', placed);
    expect(moneyMinor(full.amount)).toBe(1_000);
    expect(moneyMinor(part.amount)).toBe(1_150);

    await api.record(returned('s2-full', 'ret-full', at(T0, 3 * DAY_MS), [{ lineId: 'l1', quantity: 2 }]));
    const lastReturn = await api.record(returned('s2-part', 'ret-part', at(T0, 4 * DAY_MS), [{ lineId: 'a', quantity: 1 }]));

    const fullAfter = await onlyEarning(api, 's2-full', lastReturn);
    expect(fullAfter).toMatchObject({ state: 'clawed_back', amount: { amount: 1_000, currency: EUR } });
    expect(moneyMinor(fullAfter.clawedBack)).toBe(1_000);
    expect(fullAfter.references).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'return', id: 'ret-full' })]));
    const fullClawback = transitionsOf(await api.earning(full.earningId, lastReturn)).filter((tr) => tr.type === 'EarningClawedBack');
    expect(fullClawback).toEqual([
      expect.objectContaining({ fromState: 'held', toState: 'clawed_back', amount: { amount: 1_000, currency: EUR }, reference: { kind: 'return', id: 'ret-full' }, sourceRef: 'scm-ret-full', at: at(T0, 3 * DAY_MS) }),
    ]);

    const partAfter = await onlyEarning(api, 's2-part', lastReturn);
    expect(partAfter).toMatchObject({ state: 'held', amount: { amount: 1_150, currency: EUR } });
    expect(moneyMinor(partAfter.clawedBack)).toBe(300); // floor(900 × 1 / 3): line a only
    const partClawback = transitionsOf(await api.earning(part.earningId, lastReturn)).filter((tr) => tr.type === 'EarningClawedBack');
    expect(partClawback).toEqual([
      expect.objectContaining({ fromState: 'held', toState: 'held', amount: { amount: 300, currency: EUR }, reference: { kind: 'return', id: 'ret-part' }, sourceRef: 'scm-ret-part' }),
    ]);

    expect(await api.balance(influencerId, EUR, lastReturn)).toEqual({ pending: 0, held: 850, payable: 0, paid: 0, clawedBack: 1_300 });
  });

  it('a cancellation claws back what is left, referencing the cancellation', async () => {
    const { api, code } = await program('acc-s2-cancel');
    await api.record(order('s2-c', 'cust-1', at(T0, 2 * HOUR_MS), [{ lineId: 'l1', sku: 'SKU-A', quantity: 4, unitPrice: 2_500 }], { codes: [code] })); // 1 000
    await api.record(returned('s2-c', 'ret-c1', at(T0, 2 * DAY_MS), [{ lineId: 'l1', quantity: 1 }])); // 250
    const cancelled = await api.record({ type: 'OrderCancelled', sourceRef: 'scm-cancel-s2-c', orderId: 's2-c', occurredAt: at(T0, 3 * DAY_MS), reason: 'fraudulent_order' });
    const earning = await onlyEarning(api, 's2-c', cancelled);
    expect(earning.state).toBe('clawed_back');
    expect(moneyMinor(earning.clawedBack)).toBe(1_000);
    const clawbacks = transitionsOf(await api.earning(earning.earningId, cancelled)).filter((tr) => tr.type === 'EarningClawedBack');
    expect(clawbacks).toEqual([
      expect.objectContaining({ toState: 'held', amount: { amount: 250, currency: EUR }, reference: { kind: 'return', id: 'ret-c1' } }),
      expect.objectContaining({ toState: 'clawed_back', amount: { amount: 750, currency: EUR }, reference: expect.objectContaining({ kind: 'cancellation' }), sourceRef: 'scm-cancel-s2-c' }), // the rest
    ]);
  });
});

describe('Scenario 3 — channel-specific discount and a 14-day ecommerce window', () => {
  const rules: CampaignInput = {
    name: 'Ecommerce only, 14 days',
    attribution: { model: 'coupon', windowDays: 30 },
    channels: ['ecommerce', 'pos'],
    channelOverrides: { ecommerce: { windowDays: 14, discount: { type: 'percent', rateBps: 1_500 } } },
    earnings: { type: 'percent', rateBps: 1000 },
    holdDays: 14,
    lockDays: 60,
    minPayout: { amount: 1000, currency: EUR },
  };

  it('code/apply: valid with the override discount on ecommerce, channel_not_eligible on pos; only the ecommerce sale inside 14 days is attributed', async () => {
    const { api, campaignId, influencerId, code, position } = await program('acc-s3', rules, 'ECOM15', { channels: ['ecommerce'], discount: { type: 'percent', rateBps: 500 } });
    const touchedAt = at(T0, HOUR_MS);
    clock.set(new Date(touchedAt)); // checkout happens now

    const onPos = await api.applyCode({ code, channel: 'pos', customerRef: 'cust-pos', subtotal: { amount: 5_000, currency: EUR }, occurredAt: touchedAt }, position);
    expect(onPos).toMatchObject({ valid: false, reason: 'channel_not_eligible' });
    for (const customerRef of ['cust-day10', 'cust-pos', 'cust-day15']) {
      const onWeb = await api.applyCode({ code, channel: 'ecommerce', customerRef, subtotal: { amount: 5_000, currency: EUR }, occurredAt: touchedAt }, position);
      expect(onWeb).toMatchObject({ valid: true, influencerId, campaignId, discount: { type: 'percent', rateBps: 1_500 } });
    }

    const line = [{ lineId: 'l1', sku: 'SKU-A', quantity: 1, unitPrice: 5_000 }];
    await api.record(order('s3-day10', 'cust-day10', at(touchedAt, 10 * DAY_MS), line));
    await api.record(order('s3-pos', 'cust-pos', at(touchedAt, 5 * DAY_MS), line, { channel: 'pos' }));
    await api.record(order('s3-pos-code', 'cust-pos', at(touchedAt, 6 * DAY_MS), line, { channel: 'pos', codes: [code] }));
    const last = await api.record(order('s3-day15', 'cust-day15', at(touchedAt, 15 * DAY_MS), line));
    await settle(t);

    const attributed = await api.earnings({ orderId: 's3-day10' }, last);
    expect(attributed).toHaveLength(1);
    expect(attributed[0]).toMatchObject({ influencerId, campaignId, channel: 'ecommerce', state: 'held', amount: { amount: 500, currency: EUR } });

    for (const orderId of ['s3-pos', 's3-pos-code', 's3-day15']) {
      expect(await api.earnings({ orderId }, last)).toEqual([]);
      // Not attributed because it was decided so, not because nothing ran yet.
      const decided = (await streamEvents(t, 'order', 'acc-s3', orderId)).filter((e) => e.type === 'AttributionDecided');
      expect(decided).toHaveLength(1);
      expect(decided[0]!.data).toMatchObject({ orderId, attributed: false, earnings: [] });
    }
  });
});

describe('duplicates and out-of-order delivery', () => {
  it('the same order and return delivered 3× (HTTP and scm/ingest) give one earning and one clawback', async () => {
    const { api, influencerId, code } = await program('acc-dup');
    const placed = order('dup-1', 'cust-1', at(T0, 2 * HOUR_MS), [
      { lineId: 'a', sku: 'SKU-A', quantity: 2, unitPrice: 5_000 },
      { lineId: 'b', sku: 'SKU-B', quantity: 1, unitPrice: 2_000 },
    ], { codes: [code] }); // 1 000 + 200
    const ret = returned('dup-1', 'ret-dup', at(T0, 2 * DAY_MS), [{ lineId: 'a', quantity: 1 }]); // 500

    await api.record(placed);
    await api.ingest([placed]);
    await api.record(placed);
    await api.ingest([ret, ret]);
    const last = await api.record(ret);
    await settle(t);

    const [earning, ...others] = await api.earnings({ orderId: 'dup-1' }, last);
    expect(others).toEqual([]);
    expect(earning).toMatchObject({ state: 'held', amount: { amount: 1_200, currency: EUR } });
    expect(moneyMinor(earning!.clawedBack)).toBe(500);

    expect(countByType(await streamEvents(t, 'order', 'acc-dup', 'dup-1'))).toEqual({ OrderRecorded: 1, OrderReturned: 1, AttributionDecided: 1 });
    const earningStream = await streamEvents(t, 'earning', 'acc-dup', earning!.earningId);
    expect(earningStream[0]!.data).toMatchObject({ influencerId, orderId: 'dup-1' });
    const ledger = countByType(earningStream);
    expect(ledger).toEqual({ EarningAccrued: 1, HoldPlaced: 1, EarningClawedBack: 1 });
    expect(transitionsOf(await api.earning(earning!.earningId, last)).filter((tr) => tr.type === 'EarningClawedBack')).toEqual([
      expect.objectContaining({ amount: { amount: 500, currency: EUR }, reference: { kind: 'return', id: 'ret-dup' } }),
    ]);
  });

  it('a return before its order: once the order arrives the earning is accrued and clawed back exactly as in order', async () => {
    const inOrder = await program('acc-inorder');
    const outOfOrder = await program('acc-outoforder');
    const placed = order('ooo-1', 'cust-1', at(T0, 2 * HOUR_MS), [
      { lineId: 'a', sku: 'SKU-A', quantity: 3, unitPrice: 3_333, discount: 99 }, // 9 900
      { lineId: 'b', sku: 'SKU-B', quantity: 2, unitPrice: 1_750 }, // 3 500
    ], { codes: ['ADA10'] }); // 13 400 → 1 340: a 990, b 350
    const ret = returned('ooo-1', 'ret-early', at(T0, 3 * DAY_MS), [{ lineId: 'a', quantity: 2 }, { lineId: 'b', quantity: 1 }]); // 660 + 175

    await inOrder.api.record(placed);
    const p1 = await inOrder.api.record(ret);
    const beforeOrder = await outOfOrder.api.record(ret);
    await settle(t);
    expect(await outOfOrder.api.earnings({ orderId: 'ooo-1' }, beforeOrder)).toEqual([]);
    const p2 = await outOfOrder.api.record(placed);
    await settle(t);

    const a = (await inOrder.api.earnings({ orderId: 'ooo-1' }, p1))[0]!;
    const b = (await outOfOrder.api.earnings({ orderId: 'ooo-1' }, p2))[0]!;
    const comparable = (e: EarningItem) => ({ state: e.state, level: e.level, amount: e.amount, clawedBack: moneyMinor(e.clawedBack), holdUntil: Date.parse(String(e.holdUntil)) });
    expect(comparable(a)).toEqual({ state: 'held', level: 1, amount: { amount: 1_340, currency: EUR }, clawedBack: 835, holdUntil: Date.parse(at(T0, 2 * HOUR_MS + 14 * DAY_MS)) });
    expect(comparable(b)).toEqual(comparable(a));
    const clawbacksOf = async (p: Program, earningId: string, position: string | null) =>
      transitionsOf(await p.api.earning(earningId, position))
        .filter((tr) => tr.type === 'EarningClawedBack')
        .map(({ fromState, toState, amount, reference, sourceRef, at: when }) => ({ fromState, toState, amount, reference, sourceRef, at: when }));
    expect(await clawbacksOf(outOfOrder, b.earningId, p2)).toEqual(await clawbacksOf(inOrder, a.earningId, p1));
    expect(await clawbacksOf(outOfOrder, b.earningId, p2)).toEqual([expect.objectContaining({ amount: { amount: 835, currency: EUR }, reference: { kind: 'return', id: 'ret-early' } })]);
    expect(await outOfOrder.api.balance(outOfOrder.influencerId, EUR, p2)).toEqual(await inOrder.api.balance(inOrder.influencerId, EUR, p1));
  });
});

describe('an influencer with a long history', () => {
  it('past ten orders in a month, the month tally stays in revision order and read by its last event, the influencer stream holds the profile only, and returns still claw back', async () => {
    const { api, influencerId, code, campaignId } = await program('acc-long');
    // Eleven orders: each an accrual + period hold on its own earning stream (ADR 0009) and one more event on the month tally.
    const orderIds = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8', 'l9', 'l10', 'l11'];
    for (const [i, orderId] of orderIds.entries()) {
      await api.record(order(orderId, `cust-${i}`, at(T0, (2 + i) * HOUR_MS), [{ lineId: 'a', sku: 'SKU-A', quantity: 2, unitPrice: 5_000 }], { codes: [code] })); // 1 000 each
    }
    await settle(t);
    const month = await streamEvents(t, 'earningmonth', 'acc-long', `${influencerId}.${campaignId}.${EUR}.${T0.slice(0, 7)}`);
    expect(month.map((e) => Number(e.revision))).toEqual(Array.from({ length: 11 }, (_, i) => i));
    expect(month.at(-1)!.data).toMatchObject({ orderId: 'l11', after: { orders: 11, revenueMinor: 110_000, earnedMinor: 11_000, bonuses: 0 } });
    expect((await streamEvents(t, 'influencer', 'acc-long', influencerId)).map((e) => e.type)).toEqual(['InfluencerRegistered']);

    // A return of the first order: the process manager reads that earning's stream only.
    const last = await api.record(returned('l1', 'ret-long', at(T0, 3 * DAY_MS), [{ lineId: 'a', quantity: 1 }]));
    const earning = await onlyEarning(api, 'l1', last);
    expect(moneyMinor(earning.clawedBack)).toBe(500);
    expect(countByType(await streamEvents(t, 'earning', 'acc-long', earning.earningId))).toEqual({ EarningAccrued: 1, HoldPlaced: 1, EarningClawedBack: 1 });
    expect(await api.balance(influencerId, EUR, last)).toEqual({ pending: 0, held: 10_500, payable: 0, paid: 0, clawedBack: 500 });
  });
});
