// Proves the SCM fact parser shared by HTTP, NDJSON and NATS: a valid line becomes its decider command with only known fields; every bad field is named by its path, unknown ones too; odd shapes never throw.
import { parseScmEvent, parseScmFact } from './scm-fact';

const order = {
  type: 'OrderPlaced',
  sourceRef: 's1',
  orderId: 'o1',
  channel: 'ecommerce',
  customerRef: 'c1',
  occurredAt: '2026-03-01T10:00:00+01:00',
  currency: 'EUR',
  lines: [{ lineId: 'l1', sku: 'A', quantity: 2, unitPrice: 1_000, discount: 100 }],
};

const fields = (raw: unknown) => {
  const parsed = parseScmEvent(raw);
  return parsed.ok ? [] : parsed.problems.map((p) => p.field).sort();
};

it('turns each type into its command, keeping absent optionals absent', () => {
  const { type: _t, ...withoutType } = order;
  expect(parseScmEvent(order)).toEqual({ ok: true, fact: { type: 'RecordOrder', data: withoutType } });
  expect(parseScmEvent({ type: 'OrderReturned', sourceRef: 's2', orderId: 'o1', returnId: 'r1', occurredAt: '2026-03-02T00:00:00Z', lines: [{ lineId: 'l1', quantity: 1 }] })).toMatchObject({
    ok: true,
    fact: { type: 'RecordReturn', data: { returnId: 'r1' } },
  });
  expect(parseScmEvent({ type: 'OrderCancelled', sourceRef: 's3', orderId: 'o1', occurredAt: '2026-03-02T00:00:00Z', reason: 'fraud' })).toMatchObject({
    ok: true,
    fact: { type: 'CancelOrder', data: { reason: 'fraud' } },
  });
});

it('names every bad field by its path, unknown properties included', () => {
  expect(fields({ ...order, currency: 'euro', lines: [{ lineId: 'l1', sku: 'A', quantity: 1, unitPrice: 1 }, { lineId: 'l2', sku: 'B', quantity: 1.5, unitPrice: -1, colour: 'red' }], org: 'x' })).toEqual(
    ['currency', 'lines[1].colour', 'lines[1].quantity', 'lines[1].unitPrice', 'org'],
  );
  expect(fields({ ...order, type: 'OrderShipped' })).toEqual(['type']);
  expect(fields({ type: 'OrderCancelled', sourceRef: 's', orderId: 'o', occurredAt: '2026-03-02T00:00:00Z', reason: 'x'.repeat(501) })).toEqual(['reason']);
});

it('never throws on odd shapes', () => {
  for (const raw of [null, 7, 'text', [], { type: 'OrderPlaced', lines: 'many' }, { type: 'OrderPlaced', lines: [null, 3] }, { type: 'OrderReturned', lines: {} }]) {
    expect(() => parseScmEvent(raw)).not.toThrow();
    expect(parseScmEvent(raw).ok).toBe(false);
  }
  expect(fields({ ...order, lines: [null] })).toContain('lines[0]');
});

it('names the order of a refused fact when it can', () => {
  expect(parseScmFact('OrderCancelled', { orderId: 'o9' })).toMatchObject({ ok: false, orderId: 'o9' });
});
