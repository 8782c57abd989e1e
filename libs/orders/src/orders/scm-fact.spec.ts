// Proves the SCM fact parser shared by HTTP, NDJSON and NATS: a valid line becomes its decider command with only known fields; every bad field is named by its path, unknown ones too; odd shapes never throw.
import { LIMITS } from '@ledger/kernel';
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

describe('what the store and the projections cannot hold (every door: HTTP, NDJSON, NATS)', () => {
  const problemsOf = (raw: unknown) => {
    const parsed = parseScmEvent(raw);
    return parsed.ok ? [] : parsed.problems;
  };

  it('a business time outside LIMITS.time or off the calendar, once per field', () => {
    expect(problemsOf({ ...order, occurredAt: '0000-01-01T00:00:00Z' })).toEqual([{ field: 'occurredAt', problem: 'must be from 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z' }]);
    expect(problemsOf({ type: 'OrderCancelled', sourceRef: 's', orderId: 'o', occurredAt: '2026-02-30T00:00:00Z' })).toEqual([
      { field: 'occurredAt', problem: expect.stringMatching(/^must be a real date and time/) },
    ]);
    expect(fields({ type: 'OrderReturned', sourceRef: 's', orderId: 'o', returnId: 'r', occurredAt: '9999-12-31T23:00:00Z', lines: [{ lineId: 'l1', quantity: 1 }] })).toEqual(['occurredAt']);
    expect(problemsOf({ ...order, occurredAt: 'soon' })).toEqual([{ field: 'occurredAt', problem: 'must be an ISO 8601 time with offset' }]);
  });

  it('a currency of three capitals that ISO 4217 does not list', () => {
    expect(problemsOf({ ...order, currency: 'ABC' })).toEqual([{ field: 'currency', problem: 'must be an ISO 4217 currency code such as EUR' }]);
    expect(problemsOf({ ...order, currency: 'USD' })).toEqual([]);
  });

  it('NUL, lone surrogates and deep nesting anywhere, keys too, by path, with the order named', () => {
    expect(parseScmEvent({ ...order, customerRef: 'c\u0000', lines: [{ ...order.lines[0], sku: '\uD800' }] })).toEqual({
      ok: false,
      orderId: 'o1',
      problems: [
        { field: 'customerRef', problem: 'must not contain NUL characters (\\u0000)' },
        { field: 'lines[0].sku', problem: 'must be well-formed Unicode (no unpaired surrogate \\uD800–\\uDFFF)' },
      ],
    });
    expect(fields({ ...order, ['x\u0000']: 1 })).toEqual(['x\\u0000']);
    expect(fields({ ...order, codes: JSON.parse(`${'['.repeat(40)}"a"${']'.repeat(40)}`) })).toEqual([`codes${'[0]'.repeat(LIMITS.http.jsonNestingLevels - 1)}`]);
    expect(parseScmFact('OrderCancelled', { sourceRef: 's', orderId: 'o', occurredAt: '2026-03-02T00:00:00Z', reason: 'x\uDFFF' })).toMatchObject({ ok: false, problems: [{ field: 'reason' }] });
  });
});
