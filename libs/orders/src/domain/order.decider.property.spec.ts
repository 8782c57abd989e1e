// Proves, over generated orders with returns and a cancellation: every fact lands once whatever the
// order of deliveries, and any re-delivery of it — in any order, re-represented (lines and codes
// shuffled, a code repeated, another offset, defaulted optionals spelt out, another source reference) — is a no-op;
// a delivery that differs in content under a recorded identity is ORDER.CONFLICTING_FACT naming the
// field, and changes nothing (fast-check, fixed seed).
import fc from 'fast-check';
import { CHANNELS, type OrderCancelled, type OrderRecorded, type OrderReturned } from '@ledger/contracts';
import { evolveAll } from '@ledger/kernel';
import type { CancelOrder, RecordOrder, RecordReturn } from './order.commands';
import { orderDecider } from './order.decider';
import { ConflictingFact } from './order.errors';
import type { OrderState } from './order.state';

const SEED = 4_242;
const T0 = Date.parse('2026-03-01T10:00:00.000Z');
type Fact = RecordOrder | RecordReturn | CancelOrder;

const orderArb: fc.Arbitrary<OrderRecorded> = fc
  .record({
    channel: fc.constantFrom(...CHANNELS),
    customerRef: fc.constantFrom('cust-1', 'cust-2'),
    at: fc.integer({ min: 0, max: 10_000_000 }),
    currency: fc.constantFrom('EUR', 'USD'),
    lines: fc.array(
      fc.record({
        sku: fc.constantFrom('TEE', 'CAP', 'MUG'),
        category: fc.option(fc.constantFrom('apparel', 'home'), { nil: undefined }),
        quantity: fc.integer({ min: 1, max: 5 }),
        unitPrice: fc.integer({ min: 1, max: 5_000 }),
        discountShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    codes: fc.subarray(['ANNA10', 'BEN5', 'CLEO']),
  })
  .map(({ at, lines, ...o }) => ({
    orderId: 'o-1',
    sourceRef: 'scm-o-1',
    occurredAt: new Date(T0 + at).toISOString(),
    ...o,
    lines: lines.map(({ discountShare, category, ...l }, i) => ({
      lineId: `l${i + 1}`,
      ...l,
      ...(category === undefined ? {} : { category }),
      ...(discountShare === undefined ? {} : { discount: Math.floor(discountShare * l.quantity * l.unitPrice) }),
    })),
  }));

/** Returns that fit the order in total (so any delivery order accepts them all), and maybe a cancellation. */
const caseArb = orderArb.chain((order) =>
  fc
    .record({
      returns: fc.array(fc.record({ shares: fc.array(fc.nat(5), { minLength: order.lines.length, maxLength: order.lines.length }), at: fc.nat(1_000_000), reason: fc.option(fc.constantFrom('damaged', 'size'), { nil: undefined }) }), { maxLength: 3 }),
      cancel: fc.option(fc.record({ at: fc.nat(1_000_000), reason: fc.option(fc.constantFrom('customer', 'fraud'), { nil: undefined }) }), { nil: undefined }),
    })
    .map(({ returns, cancel }) => {
      const left = order.lines.map((l) => l.quantity);
      const returnFacts: OrderReturned[] = [];
      returns.forEach((r, i) => {
        const lines = order.lines.flatMap((l, j) => {
          const quantity = Math.min(r.shares[j]!, left[j]!);
          left[j]! -= quantity;
          return quantity > 0 ? [{ lineId: l.lineId, quantity }] : [];
        });
        if (lines.length > 0) {
          returnFacts.push({ orderId: 'o-1', returnId: `r${i + 1}`, sourceRef: `scm-r${i + 1}`, occurredAt: new Date(T0 + r.at).toISOString(), lines, ...(r.reason === undefined ? {} : { reason: r.reason }) });
        }
      });
      const cancellation: OrderCancelled | undefined = cancel && { orderId: 'o-1', sourceRef: 'scm-cancel', occurredAt: new Date(T0 + cancel.at).toISOString(), ...(cancel.reason === undefined ? {} : { reason: cancel.reason }) };
      const facts: Fact[] = [
        { type: 'RecordOrder', data: order },
        ...returnFacts.map((data): Fact => ({ type: 'RecordReturn', data })),
        ...(cancellation ? [{ type: 'CancelOrder' as const, data: cancellation }] : []),
      ];
      return facts;
    }),
);

/** The same fact in another representation; `variant` picks which liberties to take. */
function reRepresent(fact: Fact, variant: number): Fact {
  const bit = (n: number) => ((variant >> n) & 1) === 1;
  const offsetMinutes = [0, 60, -300, 330][variant % 4]!;
  const occurredAt = withOffset(fact.data.occurredAt, offsetMinutes);
  const sourceRef = bit(2) ? `${fact.data.sourceRef}-again` : fact.data.sourceRef;
  switch (fact.type) {
    case 'RecordOrder': {
      const lines = fact.data.lines.map((l) => (bit(3) && (l.discount ?? 0) === 0 ? withoutKey({ ...l, discount: 0 }, l.discount === 0 ? 'discount' : null) : l));
      return { type: 'RecordOrder', data: { ...fact.data, sourceRef, occurredAt, lines: bit(4) ? [...lines].reverse() : lines, codes: bit(5) ? [...(fact.data.codes ?? [])].reverse().concat((fact.data.codes ?? []).slice(0, 1)) : fact.data.codes } };
    }
    case 'RecordReturn':
      return { type: 'RecordReturn', data: { ...fact.data, sourceRef, occurredAt, lines: bit(4) ? [...fact.data.lines].reverse() : fact.data.lines, ...(bit(3) && fact.data.reason === undefined ? { reason: '' } : {}) } };
    case 'CancelOrder':
      return { type: 'CancelOrder', data: { ...fact.data, sourceRef, occurredAt, ...(bit(3) && fact.data.reason === undefined ? { reason: '' } : {}) } };
  }
}

/** Another fact under the same identity: one content field changed (validly), and the field's name. */
function mutate(fact: Fact, choice: number): { fact: Fact; field: string } {
  const later = new Date(Date.parse(fact.data.occurredAt) + 1).toISOString();
  switch (fact.type) {
    case 'RecordOrder': {
      const d = fact.data;
      const l = d.lines[choice % d.lines.length]!;
      const at = `lines[lineId=${l.lineId}]`;
      const withLine = (line: typeof l) => d.lines.map((x) => (x.lineId === l.lineId ? line : x));
      const options: Array<() => { fact: Fact; field: string }> = [
        () => ({ fact: { type: 'RecordOrder', data: { ...d, customerRef: `${d.customerRef}-x` } }, field: 'customerRef' }),
        () => ({ fact: { type: 'RecordOrder', data: { ...d, currency: d.currency === 'EUR' ? 'USD' : 'EUR' } }, field: 'currency' }),
        () => ({ fact: { type: 'RecordOrder', data: { ...d, channel: CHANNELS.find((c) => c !== d.channel)! } }, field: 'channel' }),
        () => ({ fact: { type: 'RecordOrder', data: { ...d, occurredAt: later } }, field: 'occurredAt' }),
        () => ({ fact: { type: 'RecordOrder', data: { ...d, lines: withLine({ ...l, quantity: l.quantity + 1 }) } }, field: `${at}.quantity` }),
        () => ({ fact: { type: 'RecordOrder', data: { ...d, lines: withLine({ ...l, unitPrice: l.unitPrice + 1 }) } }, field: `${at}.unitPrice` }),
        () => ({ fact: { type: 'RecordOrder', data: { ...d, lines: withLine({ ...l, sku: `${l.sku}-x` }) } }, field: `${at}.sku` }),
        () => ({ fact: { type: 'RecordOrder', data: { ...d, lines: withLine({ ...l, discount: (l.discount ?? 0) === 0 ? 1 : 0 }) } }, field: `${at}.discount` }),
        () => ({ fact: { type: 'RecordOrder', data: { ...d, lines: [...d.lines, { lineId: 'l9', sku: 'NEW', quantity: 1, unitPrice: 1 }] } }, field: 'lines[lineId=l9]' }),
        () => ({ fact: { type: 'RecordOrder', data: { ...d, codes: [...(d.codes ?? []), 'ZED'] } }, field: 'codes' }),
      ];
      return options[Math.floor(choice / d.lines.length) % options.length]!();
    }
    case 'RecordReturn': {
      const d = fact.data;
      const l = d.lines[choice % d.lines.length]!;
      const options: Array<() => { fact: Fact; field: string }> = [
        () => ({ fact: { type: 'RecordReturn', data: { ...d, occurredAt: later } }, field: 'occurredAt' }),
        () => ({ fact: { type: 'RecordReturn', data: { ...withoutKey(d, 'reason'), ...(d.reason === undefined ? { reason: 'other' } : {}) } }, field: 'reason' }),
        () => ({ fact: { type: 'RecordReturn', data: { ...d, lines: d.lines.map((x) => (x === l ? { ...x, quantity: x.quantity + 1 } : x)) } }, field: `lines[lineId=${l.lineId}].quantity` }),
        () => ({ fact: { type: 'RecordReturn', data: { ...d, lines: [...d.lines, { lineId: 'l9', quantity: 1 }] } }, field: 'lines[lineId=l9]' }),
        () => ({ fact: { type: 'RecordReturn', data: { ...d, returnId: 'r-other' } }, field: 'returnId' }), // same source reference
      ];
      return options[Math.floor(choice / d.lines.length) % options.length]!();
    }
    case 'CancelOrder': {
      const d = fact.data;
      return choice % 2 === 0
        ? { fact: { type: 'CancelOrder', data: { ...d, occurredAt: later, sourceRef: 'scm-cancel-2' } }, field: 'occurredAt' }
        : { fact: { type: 'CancelOrder', data: { ...withoutKey(d, 'reason'), ...(d.reason === undefined ? { reason: 'other' } : {}) } }, field: 'reason' };
    }
  }
}

function withOffset(iso: string, minutes: number): string {
  if (minutes === 0) return iso;
  const local = new Date(Date.parse(iso) + minutes * 60_000).toISOString().slice(0, 23);
  const abs = Math.abs(minutes);
  return `${local}${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function withoutKey<T extends object>(value: T, key: string | null): T {
  if (key === null) return value;
  const copy = { ...value } as Record<string, unknown>;
  delete copy[key];
  return copy as T;
}

/** Delivers in sequence; answers the events each delivery emitted and the final state. */
function deliver(facts: readonly Fact[], state: OrderState = orderDecider.initialState()) {
  const emitted = facts.map((fact) => {
    const events = orderDecider.decide(fact, state);
    state = evolveAll(orderDecider, events, state);
    return events.length;
  });
  return { emitted, state };
}

describe('order decider: deliveries in any order (property)', () => {
  it('lands every fact once; any re-delivery, in any order and any representation, is a no-op', () => {
    fc.assert(
      fc.property(
        caseArb.chain((facts) =>
          fc.tuple(
            fc.constant(facts),
            // Each fact 1–4 times, each copy in its own representation, all copies shuffled together.
            fc.array(fc.tuple(fc.nat(facts.length - 1), fc.nat(63)), { maxLength: 12 }).chain((extra) =>
              fc.shuffledSubarray([...facts.map((_, i) => [i, 0] as [number, number]), ...extra], { minLength: facts.length + extra.length, maxLength: facts.length + extra.length }),
            ),
          ),
        ),
        ([facts, deliveries]) => {
          const { emitted } = deliver(deliveries.map(([i, variant]) => reRepresent(facts[i]!, variant)));
          const firsts = deliveries.map(([i], at) => deliveries.findIndex(([j]) => j === i) === at);
          expect(emitted).toEqual(firsts.map((first) => (first ? 1 : 0)));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('refuses a delivery that differs in content under a recorded identity, and changes nothing', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.nat(), (facts, which, choice) => {
        const { state } = deliver(facts);
        const before = JSON.stringify(state, (_, v: unknown) => (v instanceof Map ? [...v] : v));
        const { fact, field } = mutate(facts[which % facts.length]!, choice);
        let refusal: unknown;
        try {
          orderDecider.decide(fact, state);
        } catch (error) {
          refusal = error;
        }
        expect(refusal).toBeInstanceOf(ConflictingFact);
        expect((refusal as ConflictingFact).errors.map((e) => e.field)).toContain(field);
        expect(JSON.stringify(state, (_, v: unknown) => (v instanceof Map ? [...v] : v))).toBe(before);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
