// Proves the order decider reconciles SCM facts: the same fact again (normalised content) is a no-op, other content under a recorded identity is ORDER.CONFLICTING_FACT naming both versions, returns before the order accepted, returns checked against a known order, at most LIMITS.orders.returnsPerOrder returns, one decision; given/when/then.
import type { AttributionDecided, DomainEvent, OrderCancelled, OrderRecorded, OrderReturned } from '@ledger/contracts';
import { Conflict, DeciderSpecification, evolveAll, LIMITS, ValidationFailed } from '@ledger/kernel';
import { ConflictingFact } from './order.errors';
import { orderDecider } from './order.decider';
import type { OrderEvent } from './order.state';
import { isCancelled, needsAttribution, returnedQuantities, reversalFacts } from './order.state';

const spec = DeciderSpecification.for(orderDecider);
const conflictOn = (fields: string[]) => (e: unknown) => e instanceof ConflictingFact && JSON.stringify(e.errors.map((p) => p.field)) === JSON.stringify(fields);
const fieldsAre = (fields: string[]) => (e: unknown) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field)) === JSON.stringify(fields);

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-05T10:00:00.000Z';
const orderId = 'o-1';
const order: OrderRecorded = {
  orderId,
  sourceRef: 'scm-1',
  channel: 'ecommerce',
  customerRef: 'cust-1',
  occurredAt: T0,
  currency: 'EUR',
  lines: [
    { lineId: 'l1', sku: 'TEE', category: 'apparel', quantity: 3, unitPrice: 2_000, discount: 500 },
    { lineId: 'l2', sku: 'CAP', quantity: 1, unitPrice: 1_500 },
  ],
  codes: ['ANNA10'],
};
const recorded: OrderEvent = { type: 'OrderRecorded', data: order };
type Lines = Array<{ lineId: string; quantity: number }>;
const returnFact = (returnId: string, lines: Lines, sourceRef = `scm-${returnId}`): OrderReturned => ({ orderId, returnId, sourceRef, occurredAt: T1, lines });
const returned = (returnId: string, lines: Lines, sourceRef?: string): OrderEvent => ({ type: 'OrderReturned', data: returnFact(returnId, lines, sourceRef) });
const cancellation: OrderCancelled = { orderId, sourceRef: 'scm-cancel', occurredAt: T1 };
const cancelled: OrderEvent = { type: 'OrderCancelled', data: cancellation };
const decision: AttributionDecided = {
  orderId,
  attributed: true,
  campaignId: 'c-1',
  influencerId: 'inf-1',
  rulesVersion: 1,
  earnings: [{ earningId: 'e-1', influencerId: 'inf-1', level: 1, amount: { amount: 700, currency: 'EUR' }, lineAllocations: [{ lineId: 'l1', quantity: 3, amount: 700 }] }],
};
const decided: OrderEvent = { type: 'AttributionDecided', data: decision };

describe('order decider', () => {
  describe('RecordOrder', () => {
    it('records a new order', () => {
      spec.given([]).when({ type: 'RecordOrder', data: order }).then([recorded]);
    });

    it('defaults codes to none', () => {
      const { codes: _codes, ...withoutCodes } = order;
      spec.given([]).when({ type: 'RecordOrder', data: withoutCodes }).then([{ type: 'OrderRecorded', data: { ...order, codes: [] } }]);
    });

    it('records the order after returns and a cancellation that came first', () => {
      spec.given([returned('r1', [{ lineId: 'l1', quantity: 1 }]), cancelled]).when({ type: 'RecordOrder', data: order }).then([recorded]);
    });

    it('is idempotent by source reference', () => {
      spec.given([recorded]).when({ type: 'RecordOrder', data: order }).then([]);
      spec.given([recorded, decided]).when({ type: 'RecordOrder', data: order }).then([]);
    });

    it('treats the same content under another source reference as the same fact', () => {
      const resent = { ...order, sourceRef: 'scm-1-resend', occurredAt: '2026-03-01T11:00:00+01:00', lines: [...order.lines].reverse() };
      spec.given([recorded]).when({ type: 'RecordOrder', data: resent }).then([]);
    });

    it('forgives representation only: line and code order, offsets, defaulted optionals', () => {
      const placed = { ...order, codes: ['B', 'A'], lines: [{ ...order.lines[0]!, discount: 0 }, order.lines[1]!] };
      const same = { ...placed, occurredAt: '2026-03-01T05:00:00.000000000-05:00', codes: ['A', 'B', 'A'], lines: [order.lines[1]!, { ...order.lines[0]!, discount: undefined }] };
      spec.given([{ type: 'OrderRecorded', data: placed }]).when({ type: 'RecordOrder', data: same }).then([]);
      const { codes: _codes, ...withoutCodes } = order;
      spec.given([{ type: 'OrderRecorded', data: { ...order, codes: [] } }]).when({ type: 'RecordOrder', data: withoutCodes }).then([]);
    });

    it('refuses other content under the same source reference, naming each differing field with both values', () => {
      const changed = { ...order, customerRef: 'cust-2', lines: [{ ...order.lines[0]!, quantity: 9 }], codes: ['ANNA10', 'BEN5'] };
      spec.given([recorded]).when({ type: 'RecordOrder', data: changed }).thenThrows(conflictOn(['customerRef', 'lines[lineId=l1].quantity', 'lines[lineId=l2]', 'codes']), 'ORDER.CONFLICTING_FACT');
      let refusal: ConflictingFact | undefined;
      try {
        orderDecider.decide({ type: 'RecordOrder', data: changed }, evolveAll(orderDecider, [recorded]));
      } catch (error) {
        refusal = error as ConflictingFact;
      }
      expect(refusal).toBeInstanceOf(ConflictingFact);
      expect(refusal!.kind).toBe('conflict');
      expect(refusal!.recorded).toEqual({ sourceRef: 'scm-1', at: 'unknown' });
      expect(refusal!.errors).toEqual([
        { field: 'customerRef', problem: 'recorded "cust-1", sent "cust-2"', recorded: 'cust-1', sent: 'cust-2' },
        { field: 'lines[lineId=l1].quantity', problem: 'recorded 3, sent 9', recorded: 3, sent: 9 },
        { field: 'lines[lineId=l2]', problem: expect.stringMatching(/^recorded \{.*"CAP".*\}, sent null$/), recorded: order.lines[1], sent: null },
        { field: 'codes', problem: 'recorded ["ANNA10"], sent ["ANNA10","BEN5"]', recorded: ['ANNA10'], sent: ['ANNA10', 'BEN5'] },
      ]);
      expect(refusal!.recordedAt({ position: '12-3' }).message).toMatch(/^Order o-1 is recorded with other content \(recorded: sourceRef scm-1, at position 12-3; sent: sourceRef scm-1\); 4 field\(s\) differ — customerRef: recorded "cust-1", sent "cust-2"/);
    });

    it('refuses other content for an order already recorded under another source reference', () => {
      spec
        .given([recorded])
        .when({ type: 'RecordOrder', data: { ...order, sourceRef: 'scm-2', lines: [{ lineId: 'l1', sku: 'TEE', category: 'apparel', quantity: 4, unitPrice: 2_000, discount: 500 }, order.lines[1]!] } })
        .thenThrows(conflictOn(['lines[lineId=l1].quantity']), 'ORDER.CONFLICTING_FACT');
    });

    it('counts a time as an instant to the nanosecond, a category or a discount by its value', () => {
      spec.given([recorded]).when({ type: 'RecordOrder', data: { ...order, occurredAt: '2026-03-01T10:00:00.000000001Z' } }).thenThrows(conflictOn(['occurredAt']));
      spec.given([recorded]).when({ type: 'RecordOrder', data: { ...order, lines: [{ ...order.lines[0]!, category: undefined }, order.lines[1]!] } }).thenThrows(conflictOn(['lines[lineId=l1].category']));
      spec.given([recorded]).when({ type: 'RecordOrder', data: { ...order, lines: [order.lines[0]!, { ...order.lines[1]!, discount: 1 }] } }).thenThrows(conflictOn(['lines[lineId=l2].discount']));
    });

    it('refuses invalid facts, listing every field', () => {
      spec
        .given([])
        .when({
          type: 'RecordOrder',
          data: {
            ...order,
            sourceRef: '',
            channel: 'tv' as never,
            currency: 'euro',
            occurredAt: '2026-03-01',
            lines: [
              { lineId: 'l1', sku: 'TEE', quantity: 0, unitPrice: -1 },
              { lineId: 'l1', sku: '', quantity: 2, unitPrice: 100, discount: 201 },
            ],
          },
        })
        .thenThrows(fieldsAre(['sourceRef', 'channel', 'occurredAt', 'currency', 'lines[0].quantity', 'lines[0].unitPrice', 'lines[1].sku', 'lines[1].lineId', 'lines[1].discount']));
      spec.given([]).when({ type: 'RecordOrder', data: { ...order, lines: [], codes: [''] } }).thenThrows(fieldsAre(['lines', 'codes[0]']));
    });

    it('refuses bases the earnings arithmetic cannot hold (quantity × unitPrice, and the order total)', () => {
      const max = LIMITS.domain.moneyMinorMax;
      spec
        .given([])
        .when({ type: 'RecordOrder', data: { ...order, lines: [{ lineId: 'l1', sku: 'TEE', quantity: 3, unitPrice: max / 2 }] } })
        .thenThrows(fieldsAre(['lines[0].unitPrice', 'lines']));
      spec
        .given([])
        .when({ type: 'RecordOrder', data: { ...order, lines: [{ lineId: 'l1', sku: 'A', quantity: 1, unitPrice: max }, { lineId: 'l2', sku: 'B', quantity: 1, unitPrice: 1 }] } })
        .thenThrows(fieldsAre(['lines']));
    });
  });

  describe('RecordReturn', () => {
    const r1Fact = returnFact('r1', [{ lineId: 'l1', quantity: 2 }]);
    const r1: OrderEvent = { type: 'OrderReturned', data: r1Fact };

    it('records a return of a known order', () => {
      spec.given([recorded]).when({ type: 'RecordReturn', data: r1Fact }).then([r1]);
    });

    it('records a return before its order, unchecked', () => {
      const early = returnFact('r9', [{ lineId: 'l7', quantity: 99 }]);
      spec.given([]).when({ type: 'RecordReturn', data: early }).then([{ type: 'OrderReturned', data: early }]);
    });

    it('is idempotent by return id (under any source reference) and by source reference', () => {
      spec.given([recorded, r1]).when({ type: 'RecordReturn', data: { ...r1Fact, sourceRef: 'other' } }).then([]);
      spec.given([recorded, r1]).when({ type: 'RecordReturn', data: { ...r1Fact, occurredAt: '2026-03-05T12:00:00+02:00', reason: '' } }).then([]);
      const twoLines = returnFact('r2', [{ lineId: 'l1', quantity: 1 }, { lineId: 'l2', quantity: 1 }]);
      spec.given([recorded, { type: 'OrderReturned', data: twoLines }]).when({ type: 'RecordReturn', data: { ...twoLines, lines: [...twoLines.lines].reverse() } }).then([]);
    });

    it('refuses a return id recorded with other lines, time or reason', () => {
      spec.given([recorded, r1]).when({ type: 'RecordReturn', data: { ...r1Fact, lines: [{ lineId: 'l1', quantity: 1 }] } }).thenThrows(conflictOn(['lines[lineId=l1].quantity']), 'ORDER.CONFLICTING_FACT');
      spec.given([recorded, r1]).when({ type: 'RecordReturn', data: { ...r1Fact, sourceRef: 'other', lines: [{ lineId: 'l1', quantity: 2 }, { lineId: 'l2', quantity: 1 }] } }).thenThrows(conflictOn(['lines[lineId=l2]']));
      spec.given([recorded, r1]).when({ type: 'RecordReturn', data: { ...r1Fact, occurredAt: T0, reason: 'damaged' } }).thenThrows(conflictOn(['occurredAt', 'reason']));
      // Before the order too: the return is a recorded fact whether or not it could be checked.
      spec.given([r1]).when({ type: 'RecordReturn', data: { ...r1Fact, lines: [{ lineId: 'l1', quantity: 3 }] } }).thenThrows(conflictOn(['lines[lineId=l1].quantity']));
    });

    it('refuses a source reference recorded for a return with another return id', () => {
      spec.given([recorded, r1]).when({ type: 'RecordReturn', data: { ...r1Fact, returnId: 'r1-again' } }).thenThrows(conflictOn(['returnId']), 'ORDER.CONFLICTING_FACT');
    });

    it('accepts returns up to the ordered quantity, cumulatively', () => {
      const r2 = returnFact('r2', [{ lineId: 'l1', quantity: 1 }, { lineId: 'l2', quantity: 1 }]);
      spec.given([recorded, r1]).when({ type: 'RecordReturn', data: r2 }).then([{ type: 'OrderReturned', data: r2 }]);
    });

    it('refuses a return beyond the ordered quantity, counting earlier returns', () => {
      spec.given([recorded, r1]).when({ type: 'RecordReturn', data: returnFact('r2', [{ lineId: 'l1', quantity: 2 }]) }).thenThrows(Conflict, 'ORDER.RETURN_EXCEEDS_QUANTITY');
      spec.given([recorded]).when({ type: 'RecordReturn', data: returnFact('r2', [{ lineId: 'l2', quantity: 2 }]) }).thenThrows(Conflict, 'ORDER.RETURN_EXCEEDS_QUANTITY');
    });

    it('refuses a line the order does not have', () => {
      spec.given([recorded]).when({ type: 'RecordReturn', data: returnFact('r2', [{ lineId: 'l9', quantity: 1 }]) }).thenThrows(Conflict, 'ORDER.UNKNOWN_LINE');
    });

    it('refuses invalid facts', () => {
      spec
        .given([recorded])
        .when({ type: 'RecordReturn', data: { orderId, returnId: '', sourceRef: 's', occurredAt: T1, lines: [{ lineId: 'l1', quantity: 0 }, { lineId: 'l1', quantity: 1.5 }] } })
        .thenThrows(fieldsAre(['returnId', 'lines[0].quantity', 'lines[1].lineId', 'lines[1].quantity']));
      spec.given([recorded]).when({ type: 'RecordReturn', data: { orderId, returnId: 'r', sourceRef: 's', occurredAt: T1, lines: [] } }).thenThrows(fieldsAre(['lines']));
    });
  });

  describe(`at most ${LIMITS.orders.returnsPerOrder} returns per order (a bounded stream, ADR 0009)`, () => {
    const many = Array.from({ length: LIMITS.orders.returnsPerOrder }, (_, i) => returned(`r-${i}`, [{ lineId: 'l1', quantity: 1 }]));
    it('refuses one more, before the order as after it; a redelivered return still adds nothing', () => {
      spec.given(many).when({ type: 'RecordReturn', data: returnFact('r-more', [{ lineId: 'l1', quantity: 1 }]) }).thenThrows(Conflict, 'ORDER.RETURN_LIMIT_REACHED');
      spec.given(many.slice(0, -1)).when({ type: 'RecordReturn', data: returnFact('r-last', [{ lineId: 'l1', quantity: 1 }]) }).then([returned('r-last', [{ lineId: 'l1', quantity: 1 }])]);
      spec.given(many).when({ type: 'RecordReturn', data: returnFact('r-0', [{ lineId: 'l1', quantity: 1 }]) }).then([]);
    });
  });

  describe('CancelOrder', () => {
    it('cancels a known order, or one not yet recorded', () => {
      spec.given([recorded]).when({ type: 'CancelOrder', data: cancellation }).then([cancelled]);
      spec.given([]).when({ type: 'CancelOrder', data: cancellation }).then([cancelled]);
    });

    it('cancels once: the same cancellation again, under any reference, adds nothing', () => {
      spec.given([recorded, cancelled]).when({ type: 'CancelOrder', data: { orderId, sourceRef: 'scm-cancel-2', occurredAt: '2026-03-05T11:00:00+01:00' } }).then([]);
      spec.given([cancelled, recorded]).when({ type: 'CancelOrder', data: { ...cancellation, reason: '' } }).then([]);
    });

    it('refuses a second cancellation that says something else (time or reason)', () => {
      spec.given([recorded, cancelled]).when({ type: 'CancelOrder', data: { orderId, sourceRef: 'scm-cancel-2', occurredAt: T1, reason: 'again' } }).thenThrows(conflictOn(['reason']), 'ORDER.CONFLICTING_FACT');
      spec.given([recorded, cancelled]).when({ type: 'CancelOrder', data: { ...cancellation, occurredAt: T0 } }).thenThrows(conflictOn(['occurredAt']));
    });

    it('refuses invalid facts', () => {
      spec.given([]).when({ type: 'CancelOrder', data: { orderId, sourceRef: ' ', occurredAt: 'yesterday' } }).thenThrows(fieldsAre(['sourceRef', 'occurredAt']));
    });
  });

  describe('RecordAttributionDecision', () => {
    it('records the decision of a recorded order', () => {
      spec.given([recorded]).when({ type: 'RecordAttributionDecision', data: decision }).then([decided]);
    });

    it('adds nothing once decided, or before the order', () => {
      spec.given([recorded, decided]).when({ type: 'RecordAttributionDecision', data: decision }).then([]);
      spec.given([returned('r1', [{ lineId: 'l1', quantity: 1 }])]).when({ type: 'RecordAttributionDecision', data: decision }).then([]);
    });
  });

  describe('state helpers for the process manager', () => {
    const fold = (events: DomainEvent[]) => evolveAll(orderDecider, events);

    it('sums returned quantities per line in stream order, counting a duplicate once', () => {
      const state = fold([
        returned('r1', [{ lineId: 'l1', quantity: 1 }]),
        recorded,
        returned('r2', [{ lineId: 'l1', quantity: 1 }, { lineId: 'l2', quantity: 1 }]),
        returned('r2', [{ lineId: 'l1', quantity: 1 }], 'scm-r2-dup'),
      ]);
      expect([...returnedQuantities(state)]).toEqual([['l1', 2], ['l2', 1]]);
      expect(state.returns.map((r) => [r.returnId, [...r.cumulative]])).toEqual([
        ['r1', [['l1', 1]]],
        ['r2', [['l1', 2], ['l2', 1]]],
      ]);
      expect(returnedQuantities(fold([]))).toEqual(new Map());
    });

    it('needs attribution only while recorded and undecided', () => {
      expect(needsAttribution(fold([]))).toBe(false);
      expect(needsAttribution(fold([cancelled]))).toBe(false);
      expect(needsAttribution(fold([recorded]))).toBe(true);
      expect(needsAttribution(fold([recorded, decided]))).toBe(false);
    });

    it('lists returns and the cancellation in stream order as clawback causes', () => {
      const state = fold([returned('r1', [{ lineId: 'l1', quantity: 1 }]), cancelled, recorded, returned('r2', [{ lineId: 'l2', quantity: 1 }])]);
      expect(isCancelled(state)).toBe(true);
      expect(reversalFacts(state, orderId)).toEqual([
        { kind: 'return', returnId: 'r1', lines: [{ lineId: 'l1', quantity: 1 }] },
        { kind: 'cancellation', id: orderId },
        { kind: 'return', returnId: 'r2', lines: [{ lineId: 'l2', quantity: 1 }] },
      ]);
    });

    it('ignores events of other streams', () => {
      expect(fold([{ type: 'CodeIssued', data: {} } as DomainEvent, recorded]).status).toBe('recorded');
    });
  });
});
