// The hand-computed KPI fixture month (March 2026, org `kpi`, EUR) as events appended straight into the
// store: orders with returns and a cancellation, conversions with an assist, touches, codes, tiers,
// campaign costs, earnings through holds, clawbacks and a payment, fraud flags and a dispute (those two
// producers are not on this branch: their events are appended by type, as notes/contracts.md names them).
// Plus decoys the figures must ignore: an April order and cost, a USD order and earning.
import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, Position, StreamAppend } from '@ledger/event-store';

export const ORG = 'kpi';
export const E1 = '00000000-0000-4000-8000-0000000000e1';
export const E2 = '00000000-0000-4000-8000-0000000000e2';
export const E3 = '00000000-0000-4000-8000-0000000000e3';
export const E4 = '00000000-0000-4000-8000-0000000000e4';

const day = (d: string) => `2026-${d}T10:00:00.000Z`;
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const ev = (type: string, data: Record<string, unknown>, occurredAt: string): NewEvent => ({
  id: randomUUID(), type, data, metadata: { org: ORG, actorId: 'fixture', correlationId: 'kpi-month', schemaVersion: 1, occurredAt },
});
const s = (category: string, id: string) => `${category}-${ORG}.${id}`;

function order(orderId: string, at: string, channel: string, lines: Array<[string, number, number, number?]>, codes: string[], currency = 'EUR'): NewEvent {
  return ev('OrderRecorded', {
    orderId, sourceRef: `scm-${orderId}`, channel, customerRef: `cust-${orderId}`, occurredAt: at, currency, codes,
    lines: lines.map(([lineId, quantity, unitPrice, discount]) => ({ lineId, sku: `sku-${lineId}`, quantity, unitPrice, ...(discount ? { discount } : {}) })),
  }, at);
}

function conversion(orderId: string, at: string, influencerId: string, code: string, touchId: string | null, channel: string, base: number, assisted: Array<{ influencerId: string; touchId: string }> = [], currency = 'EUR'): NewEvent {
  return ev('ConversionAttributed', {
    orderId, campaignId: 'c1', influencerId, rulesVersion: 1, occurredAt: at, commissionBase: { amount: base, currency },
    basis: { model: 'last_touch', windowDays: 30, code, touchKind: touchId ? 'click' : 'code', touchId, touchedAt: at, channel, precedence: 0 },
    assisted: assisted.map((a) => ({ campaignId: 'c1', influencerId: a.influencerId, code: 'X', touchKind: 'click', touchId: a.touchId, touchedAt: at })),
  }, at);
}

function touch(touchId: string, influencerId: string, channel: string, code: string, at: string): NewEvent {
  return ev('TouchRecorded', { touchId, code, codeKind: 'coupon', touchKind: 'click', campaignId: 'c1', influencerId, channel, customerRef: 'cust', occurredAt: at }, at);
}

function accrued(earningId: string, influencerId: string, orderId: string, channel: string, amount: number, at: string, currency = 'EUR'): NewEvent[] {
  return [
    ev('EarningAccrued', {
      earningId, influencerId, campaignId: 'c1', orderId, channel, level: 1, amount: { amount, currency }, rulesVersion: 1, occurredAt: at, sourceRef: `scm-${orderId}`,
      calculation: { basis: 'percent', commissionBase: amount * 10, rateBps: 1000, beforeCap: amount, lines: [] },
    }, at),
    ev('HoldPlaced', { earningId, kind: 'period', holdUntil: day('04-30'), reasonCode: 'hold_period', at }, at),
  ];
}

export function kpiMonth(): StreamAppend[] {
  const appends: Array<[string, NewEvent[]]> = [
    [s('influencer', 'ada'), [ev('InfluencerRegistered', { influencerId: 'ada', name: 'Ada', email: 'a@x', customerRefs: [], tier: 'gold', registeredAt: day('01-01') }, day('01-01'))]],
    [s('influencer', 'bob'), [ev('InfluencerRegistered', { influencerId: 'bob', name: 'Bob', email: 'b@x', customerRefs: [], tier: 'silver', registeredAt: day('01-01') }, day('01-01'))]],
    [s('code', 'ADA10'), [ev('CodeIssued', { codeId: 'k1', code: 'ADA10', campaignId: 'c1', influencerId: 'ada', kind: 'coupon', channels: ['ecommerce'], validFrom: day('01-01'), issuedAt: day('01-01') }, day('01-01'))]],
    [s('code', 'BOB5'), [ev('CodeIssued', { codeId: 'k2', code: 'BOB5', campaignId: 'c1', influencerId: 'bob', kind: 'coupon', issuedAt: day('01-01') }, day('01-01'))]],
    [s('customer', 'cust'), [touch('t1', 'ada', 'ecommerce', 'ADA10', day('03-01')), touch('t2', 'ada', 'ecommerce', 'ADA10', day('03-02')), touch('t3', 'bob', 'pos', 'BOB5', day('03-03')), touch('t4', 'bob', 'ecommerce', 'BOB5', day('03-04'))]],
    // o1: 2 × 10.00 + 1 × 30.00 − 5.00 = 45.00, 3 units; one unit of l1 returned (−10.00).
    [s('order', 'o1'), [order('o1', day('03-05'), 'ecommerce', [['l1', 2, 1000], ['l2', 1, 3000, 500]], ['ada10']),
      ev('OrderReturned', { orderId: 'o1', returnId: 'r1', sourceRef: 'scm-r1', occurredAt: day('03-07'), lines: [{ lineId: 'l1', quantity: 1 }] }, day('03-07'))]],
    [s('conversion', 'o1'), [conversion('o1', day('03-05'), 'ada', 'ADA10', 't1', 'ecommerce', 4500, [{ influencerId: 'bob', touchId: 't4' }])]],
    [s('order', 'o2'), [order('o2', day('03-10'), 'pos', [['l1', 4, 250]], ['BOB5'])]],
    [s('conversion', 'o2'), [conversion('o2', day('03-10'), 'bob', 'BOB5', 't3', 'pos', 1000)]],
    [s('order', 'o3'), [order('o3', day('03-12'), 'ecommerce', [['l1', 1, 5000]], ['NOPE', 'bob5'])]],
    [s('order', 'o4'), [order('o4', day('03-15'), 'ecommerce', [['l1', 1, 800]], ['ADA10']), ev('OrderCancelled', { orderId: 'o4', sourceRef: 'scm-x4', occurredAt: day('03-16') }, day('03-16'))]],
    [s('conversion', 'o4'), [conversion('o4', day('03-15'), 'ada', 'ADA10', null, 'ecommerce', 800)]],
    [s('order', 'o5'), [order('o5', day('04-02'), 'ecommerce', [['l1', 1, 999]], [])]],
    [s('order', 'o6'), [order('o6', day('03-20'), 'pos', [['l1', 2, 600]], ['ADA10'])]],
    [s('order', 'o7'), [order('o7', day('03-21'), 'ecommerce', [['l1', 1, 10000]], ['ADA10'], 'USD')]],
    [s('conversion', 'o7'), [conversion('o7', day('03-21'), 'ada', 'ADA10', null, 'ecommerce', 10000, [], 'USD')]],
    [s('campaign', 'c1'), [
      ev('CampaignCostRecorded', { campaignId: 'c1', costId: 'cost1', amount: eur(2000), channel: 'ecommerce', incurredAt: day('03-01') }, day('03-01')),
      ev('CampaignCostRecorded', { campaignId: 'c1', costId: 'cost2', amount: eur(500), incurredAt: day('03-31') }, day('03-31')),
      ev('CampaignCostRecorded', { campaignId: 'c1', costId: 'cost3', amount: eur(999), incurredAt: day('04-05') }, day('04-05')),
    ]],
    // e1: 4.50 accrued, 1.00 clawed back by the return, released, 3.50 paid 20 days after accrual.
    [s('earning', E1), [...accrued(E1, 'ada', 'o1', 'ecommerce', 450, day('03-05')),
      ev('EarningClawedBack', { earningId: E1, amount: eur(100), cumulative: 100, reference: { kind: 'return', id: 'r1' }, reasonCode: 'returned', at: day('03-07') }, day('03-07')),
      ev('HoldReleased', { earningId: E1, kind: 'period', reasonCode: 'early', early: true, at: day('03-19') }, day('03-19')),
      ev('EarningPaid', { earningId: E1, amount: eur(350), payoutId: 'b1:i1', at: day('03-25') }, day('03-25'))]],
    // e2: 1.00 under a fraud hold (an exception).
    [s('earning', E2), [...accrued(E2, 'bob', 'o2', 'pos', 100, day('03-10')),
      ev('HoldPlaced', { earningId: E2, kind: 'fraud', reasonCode: 'fraud_flag', at: day('03-11') }, day('03-11'))]],
    // e3: 0.80 clawed back whole by the cancellation.
    [s('earning', E3), [...accrued(E3, 'ada', 'o4', 'ecommerce', 80, day('03-15')),
      ev('EarningClawedBack', { earningId: E3, amount: eur(80), cumulative: 80, reference: { kind: 'cancellation', id: 'o4' }, reasonCode: 'cancelled', at: day('03-16') }, day('03-16'))]],
    [s('earning', E4), accrued(E4, 'ada', 'o7', 'ecommerce', 1000, day('03-21'), 'USD')],
    [s('fraud', 'f1'), [ev('FraudFlagRaised', { flagId: 'f1', rule: 'duplicate_claim', influencerId: 'bob', orderId: 'o2', evidence: {}, at: day('03-11') }, day('03-11')),
      ev('FraudFlagReviewed', { flagId: 'f1', decision: 'release', reasonCode: 'ok', at: day('03-13') }, day('03-13'))]],
    [s('fraud', 'f2'), [ev('FraudFlagRaised', { flagId: 'f2', rule: 'self_referral', influencerId: 'ada', orderId: 'o1', evidence: {}, at: day('03-06') }, day('03-06'))]],
    [s('fraud', 'f3'), [ev('FraudFlagRaised', { flagId: 'f3', rule: 'velocity', influencerId: 'ada', evidence: {}, at: day('03-20') }, day('03-20')),
      ev('FraudFlagReviewed', { flagId: 'f3', decision: 'reverse', reasonCode: 'confirmed', at: day('03-22') }, day('03-22'))]],
    [s('dispute', 'd1'), [ev('DisputeOpened', { disputeId: 'd1', subject: { kind: 'earning', id: E1 }, reasonCode: 'amount', description: 'too low', at: day('03-26') }, day('03-26'))]],
  ];
  return appends.map(([stream, events]) => ({ stream, expectedRevision: 'any' as const, events }));
}

/** Appends the month; answers the position of its last event. */
export async function appendKpiMonth(store: EventStore): Promise<Position> {
  return (await store.appendMany(kpiMonth())).at(-1)!.position;
}
