// Proves over HTTP on a fresh PostgreSQL database that a conflicting SCM fact (a recorded identity sent with other content) is refused with 409 ORDER.CONFLICTING_FACT naming both versions — on order/record|return|cancel and per line in scm/ingest, where the good lines still land — and that concurrent deliveries of one fact, byte-identical or re-represented, all answer 200 with the same position and append one event.
import request from 'supertest';
import { streamName } from '@ledger/event-store';
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

const post = (path: string, body: object) => request(t.server).post(`/influencer/${path}`).set(scm).send(body);
const ingest = (body: string) => request(t.server).post('/influencer/scm/ingest').set(scm).set('Content-Type', 'application/x-ndjson').send(body);
const ndjson = (...lines: object[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
const SCM_TYPES = new Set(['OrderRecorded', 'OrderReturned', 'OrderCancelled']);
const streamOf = async (orderId: string) => (await t.eventStore.readStream(streamName('order', ORG, orderId))).filter((e) => SCM_TYPES.has(e.type));
const positionOf = (event: { position: { commit: bigint; prepare: bigint } }) => `${event.position.commit}-${event.position.prepare}`;

describe('conflicting facts are refused, naming both versions', () => {
  it('order/record: the same sourceRef with other content → 409 with the recorded and the sent values; nothing appended', async () => {
    const id = uniq('o');
    const first = await post('order/record', order(id)).expect(200);
    const changed = { ...order(id), customerRef: 'cust-2', lines: [{ ...order(id).lines[0]!, quantity: 9 }, order(id).lines[1]!] };
    const res = await post('order/record', changed).expect(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 409,
      code: 'ORDER.CONFLICTING_FACT',
      errors: [
        { field: 'customerRef', recorded: 'cust-1', sent: 'cust-2', problem: 'recorded "cust-1", sent "cust-2"' },
        { field: 'lines[lineId=l1].quantity', recorded: 3, sent: 9, problem: 'recorded 3, sent 9' },
      ],
    });
    expect(res.body.detail).toContain(`recorded: sourceRef scm-${id}, at position ${first.body.position}; sent: sourceRef scm-${id}`);
    expect(await streamOf(id)).toHaveLength(1);
  });

  it('order/record: the same order under another sourceRef is a duplicate with the same content, 409 with other content', async () => {
    const id = uniq('o');
    const first = await post('order/record', order(id)).expect(200);
    const resent = { ...order(id, `scm-${id}-v2`), occurredAt: '2026-03-01T11:00:00+01:00', lines: [...order(id).lines].reverse() };
    expect((await post('order/record', resent).expect(200)).body).toEqual({ orderId: id, recorded: false, position: first.body.position });
    const res = await post('order/record', { ...resent, currency: 'USD' }).expect(409);
    expect(res.body.errors).toEqual([{ field: 'currency', recorded: 'EUR', sent: 'USD', problem: 'recorded "EUR", sent "USD"' }]);
    expect(res.body.detail).toContain(`recorded: sourceRef scm-${id}, at position ${first.body.position}; sent: sourceRef scm-${id}-v2`);
  });

  it('order/return: the same returnId with other lines → 409; order/cancel: a second cancellation saying something else → 409', async () => {
    const id = uniq('o');
    await post('order/record', order(id)).expect(200);
    const returned = await post('order/return', returnOf(id, 'r1', [{ lineId: 'l1', quantity: 2 }])).expect(200);
    const res = await post('order/return', { ...returnOf(id, 'r1', [{ lineId: 'l1', quantity: 1 }, { lineId: 'l2', quantity: 1 }]), sourceRef: 'scm-elsewhere' }).expect(409);
    expect(res.body).toMatchObject({
      code: 'ORDER.CONFLICTING_FACT',
      errors: [
        { field: 'lines[lineId=l1].quantity', recorded: 2, sent: 1 },
        { field: 'lines[lineId=l2]', recorded: null, sent: { lineId: 'l2', quantity: 1 } },
      ],
    });
    expect(res.body.detail).toContain(`Return r1 of order ${id} is recorded with other content (recorded: sourceRef scm-${id}-r1, at position ${returned.body.position}; sent: sourceRef scm-elsewhere)`);

    const cancel = { sourceRef: `scm-cancel-${id}`, orderId: id, occurredAt: '2026-03-02T10:00:00+01:00', reason: 'customer' };
    const cancelled = await post('order/cancel', cancel).expect(200);
    // Another source reporting the same cancellation: the same fact.
    expect((await post('order/cancel', { ...cancel, sourceRef: `scm-cancel2-${id}`, occurredAt: '2026-03-02T09:00:00Z' }).expect(200)).body).toEqual({ orderId: id, recorded: false, position: cancelled.body.position });
    const other = await post('order/cancel', { ...cancel, occurredAt: '2026-03-03T10:00:00Z', reason: 'fraud' }).expect(409);
    expect(other.body.errors.map((e: { field: string }) => e.field)).toEqual(['occurredAt', 'reason']);
    expect((await streamOf(id)).map((e) => e.type)).toEqual(['OrderRecorded', 'OrderReturned', 'OrderCancelled']);
  });

  it('scm/ingest: a conflicting line between two good ones is rejected with the same detail; the good ones land', async () => {
    const known = uniq('o');
    const a = uniq('o');
    const b = uniq('o');
    const recorded = await post('order/record', order(known)).expect(200);
    const conflicting = { ...order(known), lines: [{ ...order(known).lines[0]!, unitPrice: 1_999 }, order(known).lines[1]!] };
    const res = await ingest(ndjson({ type: 'OrderPlaced', ...order(a) }, { type: 'OrderPlaced', ...conflicting }, { type: 'OrderPlaced', ...order(b) })).expect(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['recorded', 'rejected', 'recorded']);
    expect(res.body.results[1]).toMatchObject({
      line: 2,
      orderId: known,
      code: 'ORDER.CONFLICTING_FACT',
      errors: [{ field: 'lines[lineId=l1].unitPrice', recorded: 2_000, sent: 1_999, problem: 'recorded 2000, sent 1999' }],
    });
    expect(res.body.results[1].detail).toContain(`at position ${recorded.body.position}`);
    expect(res.body.summary).toEqual({ recorded: 2, duplicate: 0, rejected: 1 });
    expect(await streamOf(a)).toHaveLength(1);
    expect(await streamOf(b)).toHaveLength(1);
    expect(await streamOf(known)).toHaveLength(1);
  });

  it('scm/ingest: two versions of one fact in one delivery — the first lands, the second is refused naming it as earlier in this delivery', async () => {
    const id = uniq('o');
    const res = await ingest(ndjson({ type: 'OrderPlaced', ...order(id) }, { type: 'OrderPlaced', ...order(id), customerRef: 'cust-9' })).expect(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['recorded', 'rejected']);
    expect(res.body.results[1]).toMatchObject({ code: 'ORDER.CONFLICTING_FACT', errors: [{ field: 'customerRef', recorded: 'cust-1', sent: 'cust-9' }] });
    expect(res.body.results[1].detail).toContain('earlier in this delivery');
  });
});

describe('the same fact delivered concurrently is 200 every time, with one position and one event', () => {
  it('10 concurrent identical order/record calls', async () => {
    const id = uniq('o');
    const answers = await Promise.all(Array.from({ length: 10 }, () => post('order/record', order(id))));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const events = await streamOf(id);
    expect(events).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.position))).toEqual(new Set([positionOf(events[0]!)]));
    expect(answers.filter((a) => a.body.recorded === true)).toHaveLength(1);
  });

  it('10 concurrent deliveries of one order in different representations (line order, offset, another sourceRef)', async () => {
    const id = uniq('o');
    const shapes = [
      order(id),
      { ...order(id), lines: [...order(id).lines].reverse() },
      { ...order(id), occurredAt: '2026-03-01T11:00:00.000+01:00' },
      { ...order(id), lines: [order(id).lines[0]!, { ...order(id).lines[1]!, discount: 0 }] },
      { ...order(id, `scm-${id}-resent`) },
    ];
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post('order/record', shapes[i % shapes.length]!)));
    expect(answers.map((a) => [a.status, a.body.code])).toEqual(Array(10).fill([200, undefined]));
    const events = await streamOf(id);
    expect(events).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.position))).toEqual(new Set([positionOf(events[0]!)]));
  });

  it('10 concurrent identical returns, and 10 identical cancellations', async () => {
    const id = uniq('o');
    await post('order/record', order(id)).expect(200);
    const returns = await Promise.all(Array.from({ length: 10 }, () => post('order/return', returnOf(id, 'r1', [{ lineId: 'l1', quantity: 2 }]))));
    expect(returns.map((a) => a.status)).toEqual(Array(10).fill(200));
    const cancels = await Promise.all(Array.from({ length: 10 }, () => post('order/cancel', { sourceRef: `scm-cancel-${id}`, orderId: id, occurredAt: '2026-03-06T00:00:00Z' })));
    expect(cancels.map((a) => a.status)).toEqual(Array(10).fill(200));
    const events = await streamOf(id);
    expect(events.map((e) => e.type)).toEqual(['OrderRecorded', 'OrderReturned', 'OrderCancelled']);
    expect(new Set(returns.map((a) => a.body.position))).toEqual(new Set([positionOf(events[1]!)]));
    expect(new Set(cancels.map((a) => a.body.position))).toEqual(new Set([positionOf(events[2]!)]));
  });

  it('concurrent scm/ingest chunks with the same lines: every line recorded or duplicate, each fact once', async () => {
    const ids = [uniq('o'), uniq('o'), uniq('o')];
    const body = ndjson(
      ...ids.map((id) => ({ type: 'OrderPlaced', ...order(id) })),
      { type: 'OrderReturned', ...returnOf(ids[0]!, 'r1', [{ lineId: 'l2', quantity: 1 }]) },
      { type: 'OrderCancelled', sourceRef: `c-${ids[1]}`, orderId: ids[1], occurredAt: '2026-03-06T00:00:00Z' },
    );
    const answers = await Promise.all(Array.from({ length: 5 }, () => ingest(body)));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body.summary.rejected).toBe(0);
    }
    const perLine = answers[0]!.body.results.map((_: unknown, line: number) => answers.filter((a) => a.body.results[line].status === 'recorded').length);
    expect(perLine).toEqual([1, 1, 1, 1, 1]);
    expect((await streamOf(ids[0]!)).map((e) => e.type)).toEqual(['OrderRecorded', 'OrderReturned']);
    expect((await streamOf(ids[1]!)).map((e) => e.type)).toEqual(['OrderRecorded', 'OrderCancelled']);
  });

  it('concurrent conflicting versions of one fact: one lands, every other is 409 ORDER.CONFLICTING_FACT (never a store error)', async () => {
    const id = uniq('o');
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => post('order/record', { ...order(id), customerRef: `cust-${i}` })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(Array(5).fill('ORDER.CONFLICTING_FACT'));
    expect(await streamOf(id)).toHaveLength(1);
  });
});
