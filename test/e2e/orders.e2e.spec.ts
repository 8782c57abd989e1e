// Proves SCM facts over HTTP (order/record|return|cancel, scm/ingest) land once in the order stream whatever the redeliveries, order or mix of bad lines, and show in order/get|list; over HTTP against a fresh database.
import request from 'supertest';
import { streamName } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';
import { order, returnOf, uniq } from '../support/order-facts';

let t: TestApp;
let scm: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  scm = await t.auth({ roles: ['inf_admin'] });
});
afterAll(() => t.close());

const ORG = 'test-org';

const post = (path: string, body: object, auth = scm) => request(t.server).post(`/influencer/${path}`).set(auth).send(body);
const ingest = (body: string, auth = scm) => request(t.server).post('/influencer/scm/ingest').set(auth).set('Content-Type', 'application/x-ndjson').send(body);
const ndjson = (...lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
// The SCM facts of an order's stream (the ledger's process manager adds AttributionDecided beside them).
const SCM_TYPES = new Set(['OrderRecorded', 'OrderReturned', 'OrderCancelled']);
const streamOf = async (orderId: string) => (await t.eventStore.readStream(streamName('order', ORG, orderId))).filter((e) => SCM_TYPES.has(e.type));

function getOrder(orderId: string, position: string) {
  return request(t.server).post('/influencer/order/get').set(scm).set('X-Consistency-Position', position).send({ orderId });
}

describe('order/record', () => {
  it('records an order once; redeliveries answer recorded:false and append nothing', async () => {
    const id = uniq('o');
    const first = await post('order/record', order(id)).expect(200);
    expect(first.body).toEqual({ orderId: id, recorded: true, position: expect.stringMatching(/^\d+-\d+$/) });
    for (let i = 0; i < 3; i++) {
      const again = await post('order/record', order(id)).expect(200);
      expect(again.body).toEqual({ orderId: id, recorded: false, position: expect.stringMatching(/^\d+-\d+$/) });
    }
    const events = await streamOf(id);
    expect(events.map((e) => e.type)).toEqual(['OrderRecorded']);
    expect(events[0]!.metadata).toMatchObject({ org: ORG, actorId: 'test-actor', sourceRef: `scm-${id}`, occurredAt: '2026-03-01T10:00:00.000Z' });

    const view = await getOrder(id, first.body.position).expect(200);
    expect(view.body).toMatchObject({
      orderId: id,
      status: 'recorded',
      channel: 'ecommerce',
      currency: 'EUR',
      codes: ['ANNA10'],
      totals: { quantity: 4, returnedQuantity: 0, gross: { amount: 7_500, currency: 'EUR' }, discount: { amount: 500, currency: 'EUR' }, net: { amount: 7_000, currency: 'EUR' } },
      // The process manager may have decided already (no campaign here knows ANNA10): either is right.
      attribution: { status: expect.stringMatching(/^(pending|unattributed)$/) },
      lines: [
        { lineId: 'l1', sku: 'TEE', category: 'apparel', quantity: 3, unitPrice: 2_000, discount: 500, base: 5_500, returnedQuantity: 0 },
        { lineId: 'l2', sku: 'CAP', quantity: 1, unitPrice: 1_500, discount: 0, base: 1_500, returnedQuantity: 0 },
      ],
      returns: [],
      cancellation: null,
    });
  });

  it('refuses other content for a recorded order (409) and appends nothing', async () => {
    const id = uniq('o');
    await post('order/record', order(id)).expect(200);
    const changed = { ...order(id, `scm-${id}-v2`), lines: [{ lineId: 'l1', sku: 'TEE', quantity: 9, unitPrice: 2_000 }] };
    const res = await post('order/record', changed).expect(409);
    expect(res.body.code).toBe('ORDER.CONFLICTING_FACT');
    expect(await streamOf(id)).toHaveLength(1);
  });

  it('400 names every invalid field, nested ones by path', async () => {
    const bad = {
      ...order(uniq('o')),
      channel: 'telepathy',
      occurredAt: 'yesterday',
      lines: [
        { lineId: 'l1', sku: 'A', quantity: 1, unitPrice: 100 },
        { lineId: 'l2', sku: 'B', quantity: 0, unitPrice: 100 },
        { lineId: 'l3', sku: 'C', quantity: 1, unitPrice: 12.5, colour: 'red' },
      ],
      org: 'someone-else',
    };
    const res = await post('order/record', bad).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channel', 'lines[1].quantity', 'lines[2].colour', 'lines[2].unitPrice', 'occurredAt', 'org'].sort());
  });

  it('400 for an empty body names every required field', async () => {
    const res = await request(t.server).post('/influencer/order/record').set(scm).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channel', 'currency', 'customerRef', 'lines', 'occurredAt', 'orderId', 'sourceRef']);
  });

  it('403 for roles that may not report SCM facts', async () => {
    const viewer = await t.auth({ roles: ['inf_viewer'] });
    expect((await post('order/record', order(uniq('o')), viewer)).status).toBe(403);
  });
});

describe('order/return and order/cancel', () => {
  it('accepts a return before its order and reconciles when the order arrives', async () => {
    const id = uniq('o');
    const early = await post('order/return', returnOf(id, 'r1', [{ lineId: 'l1', quantity: 2 }])).expect(200);
    expect(early.body).toMatchObject({ orderId: id, recorded: true });
    const before = await getOrder(id, early.body.position).expect(200);
    expect(before.body).toMatchObject({ status: 'awaiting_order', returnCount: 1, sourceRef: null, totals: { gross: null } });

    const placed = await post('order/record', order(id)).expect(200);
    expect((await streamOf(id)).map((e) => e.type)).toEqual(['OrderReturned', 'OrderRecorded']);
    const after = await getOrder(id, placed.body.position).expect(200);
    expect(after.body).toMatchObject({ status: 'partially_returned', totals: { quantity: 4, returnedQuantity: 2 }, returns: [{ returnId: 'r1', lines: [{ lineId: 'l1', quantity: 2 }] }] });
    expect(after.body.lines[0]).toMatchObject({ lineId: 'l1', returnedQuantity: 2 });
  });

  it('409 for a return exceeding the ordered quantity or naming an unknown line; a duplicate return is a no-op', async () => {
    const id = uniq('o');
    await post('order/record', order(id)).expect(200);
    await post('order/return', returnOf(id, 'r1', [{ lineId: 'l1', quantity: 2 }])).expect(200);
    expect((await post('order/return', returnOf(id, 'r1', [{ lineId: 'l1', quantity: 2 }])).expect(200)).body.recorded).toBe(false);
    const tooMany = await post('order/return', returnOf(id, 'r2', [{ lineId: 'l1', quantity: 2 }])).expect(409);
    expect(tooMany.body.code).toBe('ORDER.RETURN_EXCEEDS_QUANTITY');
    expect((await post('order/return', returnOf(id, 'r3', [{ lineId: 'l9', quantity: 1 }])).expect(409)).body.code).toBe('ORDER.UNKNOWN_LINE');
    const last = await post('order/return', returnOf(id, 'r4', [{ lineId: 'l1', quantity: 1 }, { lineId: 'l2', quantity: 1 }])).expect(200);
    expect((await streamOf(id)).map((e) => e.type)).toEqual(['OrderRecorded', 'OrderReturned', 'OrderReturned']);
    const view = await getOrder(id, last.body.position).expect(200);
    expect(view.body).toMatchObject({ status: 'returned', totals: { returnedQuantity: 4 }, returnCount: 2 });
  });

  it('cancels once; the same cancellation from another source is a no-op, a different one 409', async () => {
    const id = uniq('o');
    await post('order/record', order(id)).expect(200);
    const cancelled = await post('order/cancel', { sourceRef: `scm-cancel-${id}`, orderId: id, occurredAt: '2026-03-02T10:00:00+01:00', reason: 'customer' }).expect(200);
    expect(cancelled.body.recorded).toBe(true);
    expect((await post('order/cancel', { sourceRef: `scm-cancel2-${id}`, orderId: id, occurredAt: '2026-03-02T09:00:00Z', reason: 'customer' }).expect(200)).body.recorded).toBe(false);
    expect((await post('order/cancel', { sourceRef: `scm-cancel2-${id}`, orderId: id, occurredAt: '2026-03-03T10:00:00Z' }).expect(409)).body.code).toBe('ORDER.CONFLICTING_FACT');
    const view = await getOrder(id, cancelled.body.position).expect(200);
    expect(view.body).toMatchObject({ status: 'cancelled', cancellation: { sourceRef: `scm-cancel-${id}`, occurredAt: '2026-03-02T09:00:00.000Z', reason: 'customer' } });
  });

  it('400 names the fields of a bad return', async () => {
    const res = await post('order/return', { sourceRef: 's', orderId: 'o', returnId: '', occurredAt: '2026-03-05T10:00:00Z', lines: [{ lineId: 'l1', quantity: -1 }], reason: 7 }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['lines[0].quantity', 'reason', 'returnId']);
  });

  it('concurrent deliveries of the same facts append each fact exactly once', async () => {
    const id = uniq('o');
    const facts = [order(id), returnOf(id, 'r1', [{ lineId: 'l1', quantity: 1 }])];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? post('order/record', facts[0]!) : post('order/return', facts[1]!))),
    );
    for (const a of answers) expect(a.status).toBe(200);
    const events = await streamOf(id);
    expect(events.map((e) => e.type).sort()).toEqual(['OrderRecorded', 'OrderReturned']);
    expect(answers.filter((a) => a.body.recorded === true)).toHaveLength(2);
  });
});

describe('scm/ingest', () => {
  it('lands the good lines, names the bad ones, folds several facts of one order in sequence', async () => {
    const a = uniq('o');
    const b = uniq('o');
    const badPrice = { type: 'OrderPlaced', ...order(uniq('o')), lines: [{ lineId: 'l1', sku: 'A', quantity: 1, unitPrice: 1 }, { lineId: 'l2', sku: 'B', quantity: 1, unitPrice: 1 }, { lineId: 'l3', sku: 'C', quantity: 1, unitPrice: -5 }] };
    const body = ndjson(
      { type: 'OrderPlaced', ...order(a) }, // 1
      { type: 'OrderReturned', ...returnOf(a, 'r1', [{ lineId: 'l1', quantity: 2 }]) }, // 2: fits the order of line 1
      { type: 'OrderReturned', ...returnOf(a, 'r2', [{ lineId: 'l1', quantity: 2 }]) }, // 3: now exceeds (2 + 2 > 3)
      '{"type": "OrderPlaced", "orderId": ', // 4: malformed
      badPrice, // 5
      { type: 'OrderShipped', orderId: b }, // 6: unknown type
      { type: 'OrderPlaced', ...order(a) }, // 7: duplicate of line 1
      { type: 'OrderReturned', ...returnOf(b, 'rb', [{ lineId: 'x', quantity: 5 }]) }, // 8: before its order
      { type: 'OrderCancelled', sourceRef: `c-${b}`, orderId: b, occurredAt: '2026-03-06T00:00:00Z' }, // 9
    ).replace('\n{"type":"OrderShipped"', '\n\n{"type":"OrderShipped"'); // a blank line still counts in the numbering
    const res = await ingest(body).expect(200);
    const results = res.body.results as Array<Record<string, unknown>>;
    expect(results.map((r) => [r.line, r.status])).toEqual([
      [1, 'recorded'],
      [2, 'recorded'],
      [3, 'rejected'],
      [4, 'rejected'],
      [5, 'rejected'],
      [7, 'rejected'],
      [8, 'duplicate'],
      [9, 'recorded'],
      [10, 'recorded'],
    ]);
    expect(results[2]).toMatchObject({ orderId: a, code: 'ORDER.RETURN_EXCEEDS_QUANTITY' });
    expect(results[3]).toMatchObject({ code: 'MALFORMED_JSON' });
    expect(results[4]).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'lines[2].unitPrice', problem: expect.any(String) }] });
    expect(results[5]).toMatchObject({ orderId: b, code: 'VALIDATION_FAILED', errors: [{ field: 'type' }] });
    expect(res.body.summary).toEqual({ recorded: 4, duplicate: 1, rejected: 4 });
    expect((await streamOf(a)).map((e) => e.type)).toEqual(['OrderRecorded', 'OrderReturned']);
    expect((await streamOf(b)).map((e) => e.type)).toEqual(['OrderReturned', 'OrderCancelled']);

    const again = await ingest(body).expect(200); // the whole delivery again: nothing new
    expect(again.body.summary).toEqual({ recorded: 0, duplicate: 5, rejected: 4 });
    expect(again.body.position).toEqual(expect.stringMatching(/^\d+-\d+$/));
    expect(await streamOf(a)).toHaveLength(2);
  });

  it('an SCM source reference reused for another order is refused on that line only', async () => {
    const a = uniq('o');
    const b = uniq('o');
    await post('order/record', order(a, `shared-${a}`)).expect(200);
    const res = await ingest(ndjson({ type: 'OrderPlaced', ...order(b, `shared-${a}`) }, { type: 'OrderPlaced', ...order(uniq('o')) })).expect(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'recorded']);
    expect(res.body.results[0].code).toBe('EVENT_STORE.DUPLICATE_EVENT_ID');
    expect(await streamOf(b)).toHaveLength(0);
  });

  it('413 for a body over the byte limit or the line limit; 415 for JSON; 400 for an empty body', async () => {
    const big = ndjson({ type: 'OrderCancelled', sourceRef: 'x'.repeat(LIMITS.http.ndjsonBodyBytes), orderId: 'o', occurredAt: '2026-03-06T00:00:00Z' });
    expect((await ingest(big)).status).toBe(413);
    const line = JSON.stringify({ type: 'OrderCancelled', sourceRef: 's', orderId: 'o', occurredAt: '2026-03-06T00:00:00Z' });
    const tooMany = await ingest(Array.from({ length: LIMITS.http.ndjsonLines + 1 }, () => line).join('\n')).expect(413);
    expect(tooMany.body.code).toBe('TOO_MANY_LINES');
    expect((await request(t.server).post('/influencer/scm/ingest').set(scm).send({ type: 'OrderPlaced' })).status).toBe(415);
    expect((await ingest('\n\n')).status).toBe(400);
  });
});

describe('order/list and isolation', () => {
  it('pages newest first with a cursor, filters by status, and hides other orgs', async () => {
    const org = `org-${Date.now().toString(36)}`;
    const auth = await t.auth({ org, roles: ['inf_admin'] });
    const ids = ['o-a', 'o-b', 'o-c', 'o-d', 'o-e'];
    const body = ndjson(
      ...ids.map((id, i) => ({ type: 'OrderPlaced', ...order(id), occurredAt: `2026-04-0${i + 1}T10:00:00.123456Z` })),
      { type: 'OrderCancelled', sourceRef: 'c-b', orderId: 'o-b', occurredAt: '2026-04-09T00:00:00Z' },
    );
    const res = await ingest(body, auth).expect(200);
    const list = (extra: object) => request(t.server).post('/influencer/order/list').set(auth).set('X-Consistency-Position', res.body.position).send(extra);

    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await list({ limit: 2, ...(cursor ? { cursor } : {}) }).expect(200);
      seen.push(...page.body.items.map((o: { orderId: string }) => o.orderId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['o-e', 'o-d', 'o-c', 'o-b', 'o-a']);
    expect((await list({ status: 'cancelled' }).expect(200)).body.items.map((o: { orderId: string }) => o.orderId)).toEqual(['o-b']);
    expect((await list({ cursor: 'nonsense' }).expect(400)).body.errors[0].field).toBe('cursor');

    // The same order id in the default test org is another order; this org's order is unknown there.
    const other = await request(t.server).post('/influencer/order/get').set(scm).send({ orderId: 'o-e' });
    expect(other.status).toBe(404);
  });
});
