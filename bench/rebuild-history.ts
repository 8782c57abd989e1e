// A realistic history for the rebuild benchmark, appended straight into the store: per attributed order
// its order stream (OrderRecorded, AttributionDecided, every 10th a return), its conversion, its earning
// (accrual, period hold; every 3rd released, every 10th clawed back by the return) and a touch on its
// customer's stream; plus the program events (campaign, influencers, codes) they name. ~6.4 events an order.
import { appendProgramEvents, programRules, ProgramEvents } from '@ledger/attribution';
import type { EventMetadata, EventStore, NewEvent, StreamAppend } from '@ledger/event-store';
import { deterministicId } from '@ledger/kernel';

export const ORG = 'bench';
const INFLUENCERS = 100;
const START_MS = Date.parse('2026-01-01T00:00:00Z');
const EVENTS_PER_CALL = 8_000;

export async function seedHistory(store: EventStore, targetEvents: number, progress: (events: number) => void): Promise<number> {
  const program = new ProgramEvents(ORG);
  const at = new Date(START_MS - 86_400_000).toISOString();
  const programAppends: StreamAppend[] = [program.campaignCreated('c1', programRules(), at), program.campaignActivated('c1', at)];
  for (let i = 0; i < INFLUENCERS; i++) {
    programAppends.push(program.influencerRegistered(`inf-${i}`, at));
    programAppends.push(program.codeIssued({ code: `CODE${i}`, campaignId: 'c1', influencerId: `inf-${i}`, issuedAt: at }));
  }
  await appendProgramEvents(store, programAppends);
  let events = programAppends.length + 1;
  let batch: StreamAppend[] = [];
  let batchEvents = 0;
  for (let i = 0; events < targetEvents; i++) {
    const appends = orderHistory(i);
    const n = appends.reduce((s, a) => s + a.events.length, 0);
    batch.push(...appends);
    batchEvents += n;
    events += n;
    if (batchEvents >= EVENTS_PER_CALL) {
      await store.appendMany(batch);
      progress(events);
      batch = [];
      batchEvents = 0;
    }
  }
  if (batch.length > 0) await store.appendMany(batch);
  return events;
}

function orderHistory(i: number): StreamAppend[] {
  const orderId = `o${i}`;
  const influencerId = `inf-${i % INFLUENCERS}`;
  const code = `CODE${i % INFLUENCERS}`;
  const occurredAt = new Date(START_MS + i * 60_000).toISOString();
  const later = (days: number) => new Date(START_MS + i * 60_000 + days * 86_400_000).toISOString();
  const meta = (time: string): EventMetadata => ({ org: ORG, actorId: 'bench', correlationId: `c-${i}`, schemaVersion: 1, occurredAt: time, sourceRef: `scm-${orderId}` });
  const ev = (type: string, data: Record<string, unknown>, time = occurredAt): NewEvent => ({ id: deterministicId(ORG, 'bench', orderId, type), type, data, metadata: meta(time) });
  const earningId = deterministicId(ORG, 'bench-earning', orderId);
  const amount = { amount: 450, currency: 'EUR' };
  const returned = i % 10 === 0;
  const touchId = deterministicId(ORG, 'bench-touch', orderId);
  const order: NewEvent[] = [
    ev('OrderRecorded', {
      orderId, sourceRef: `scm-${orderId}`, channel: 'ecommerce', customerRef: `cust-${i}`, occurredAt, currency: 'EUR', codes: [code],
      lines: [{ lineId: 'l1', sku: 'TEE', quantity: 2, unitPrice: 1_000 }, { lineId: 'l2', sku: 'CAP', quantity: 1, unitPrice: 3_000, discount: 500 }],
    }),
    ev('AttributionDecided', { orderId, attributed: true, campaignId: 'c1', influencerId, rulesVersion: 1, earnings: [{ earningId, influencerId, level: 1, amount, lineAllocations: [{ lineId: 'l1', quantity: 2, amount: 200 }, { lineId: 'l2', quantity: 1, amount: 250 }] }] }),
  ];
  if (returned) order.push(ev('OrderReturned', { orderId, returnId: `r${i}`, sourceRef: `scm-r${i}`, occurredAt: later(2), lines: [{ lineId: 'l1', quantity: 1 }] }, later(2)));
  const earning: NewEvent[] = [
    ev('EarningAccrued', { earningId, influencerId, campaignId: 'c1', orderId, channel: 'ecommerce', level: 1, amount, rulesVersion: 1, occurredAt, sourceRef: `scm-${orderId}`, calculation: { basis: 'percent', commissionBase: 4_500, rateBps: 1_000, beforeCap: 450, lines: [{ lineId: 'l1', base: 2_000 }, { lineId: 'l2', base: 2_500 }] } }),
    ev('HoldPlaced', { earningId, kind: 'period', holdUntil: later(14), reasonCode: 'hold_period', at: occurredAt }),
  ];
  if (returned) earning.push(ev('EarningClawedBack', { earningId, amount: { amount: 100, currency: 'EUR' }, cumulative: 100, reference: { kind: 'return', id: `r${i}` }, reasonCode: 'returned', at: later(2) }, later(2)));
  if (i % 3 === 0) earning.push(ev('HoldReleased', { earningId, kind: 'period', reasonCode: 'hold_period_ended', early: false, at: later(14) }, later(14)));
  return [
    { stream: `order-${ORG}.${orderId}`, expectedRevision: 'any', events: order },
    { stream: `conversion-${ORG}.${orderId}`, expectedRevision: 'any', events: [ev('ConversionAttributed', { orderId, campaignId: 'c1', influencerId, rulesVersion: 1, occurredAt, assisted: [], commissionBase: { amount: 4_500, currency: 'EUR' }, basis: { model: 'last_touch', windowDays: 14, code, touchKind: 'click', touchId, touchedAt: occurredAt, channel: 'ecommerce', precedence: 0 } })] },
    { stream: `earning-${ORG}.${earningId}`, expectedRevision: 'any', events: earning },
    { stream: `customer-${ORG}.cust-${i}`, expectedRevision: 'any', events: [ev('TouchRecorded', { touchId, code, codeKind: 'coupon', touchKind: 'click', campaignId: 'c1', influencerId, channel: 'ecommerce', customerRef: `cust-${i}`, occurredAt })] },
  ];
}
