// Proves the edge refuses what the store cannot hold, before anything is appended: business times outside
// LIMITS.time or off the calendar, currencies not in ISO 4217, NUL and lone surrogates anywhere in a body
// (keys too), JSON nested deeper than LIMITS.http.jsonNestingLevels, and bodies that are not what their
// Content-Encoding says — each a problem+json naming the field; in scm/ingest per line, its neighbours landing.
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { LIMITS } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';
import { eventsWritten } from './support/events-written';
import { ProbeModule } from './support/probe.module';

let t: TestApp;
let auth: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp({ modules: [ProbeModule], runProjections: false });
  auth = await t.auth();
});
afterAll(() => t.close());

let seq = 0;
const uniq = (prefix: string) => `${prefix}-${++seq}-${Date.now().toString(36)}`;
const order = (orderId = uniq('o')) => ({
  sourceRef: `scm-${orderId}`,
  orderId,
  channel: 'ecommerce',
  customerRef: 'cust-1',
  occurredAt: '2026-03-01T10:00:00Z',
  currency: 'EUR',
  lines: [{ lineId: 'l1', sku: 'TEE', quantity: 1, unitPrice: 2_000 }],
});
const post = (path: string) => request(t.server).post(`/influencer/${path}`).set(auth);
const written = () => eventsWritten(t.db);

/** A 400 problem+json that names `field`, and nothing written to the event store. */
async function expectRefused(send: () => Promise<request.Response>, field: string, code = 'VALIDATION_FAILED'): Promise<request.Response> {
  const before = await written();
  const res = await send();
  expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  expect(await written()).toBe(before);
  return res;
}

describe('business times', () => {
  it.each([
    ['year 0', '0000-01-01T00:00:00Z', /from 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z/],
    ['year 9999', '9999-12-31T23:00:00Z', /from 1970/],
    ['before the epoch', '1969-12-31T23:59:59Z', /from 1970/],
    ['a day February does not have', '2026-02-30T10:00:00Z', /real date/],
    ['24:00', '2026-03-01T24:00:00Z', /real date/],
    ['an offset no place has', '2026-03-01T10:00:00+15:00', /real date/],
  ])('order/record refuses occurredAt %s', async (_, occurredAt, problem) => {
    const res = await expectRefused(() => post('order/record').send({ ...order(), occurredAt }), 'occurredAt');
    expect(res.body.errors.find((e: { field: string }) => e.field === 'occurredAt').problem).toMatch(problem);
  });

  it('takes the ends of the range', async () => {
    await post('order/record').send({ ...order(), occurredAt: LIMITS.time.businessTimeMin }).expect(200);
    await post('order/record').send({ ...order(), occurredAt: '2099-12-31T23:00:00-01:00' }).expect(200);
  });

  it.each([
    ['order/return', { sourceRef: 's', orderId: 'o', returnId: 'r', occurredAt: '9999-01-01T00:00:00Z', lines: [{ lineId: 'l1', quantity: 1 }] }, 'occurredAt'],
    ['order/cancel', { sourceRef: 's', orderId: 'o', occurredAt: '0001-01-01T00:00:00Z' }, 'occurredAt'],
    ['touch/record', { code: 'X', touchKind: 'click', channel: 'ecommerce', customerRef: 'c', occurredAt: '2200-01-01T00:00:00Z' }, 'occurredAt'],
    ['code/apply', { code: 'X', channel: 'ecommerce', cartRef: 'c', customerRef: 'c', occurredAt: '1900-01-01T00:00:00Z' }, 'occurredAt'],
    ['code/create', { campaignId: 'c', influencerId: 'i', code: 'ANNA10', kind: 'coupon', validUntil: '2150-01-01T00:00:00Z' }, 'validUntil'],
    ['campaign/cost/record', { campaignId: 'c', costId: 'k', amount: { amount: 1, currency: 'EUR' }, incurredAt: '2026-02-29T00:00:00Z' }, 'incurredAt'],
    ['campaign/update', { campaignId: 'c', effectiveFrom: '3000-01-01T00:00:00Z' }, 'effectiveFrom'],
    ['earning/release-due', { asOf: '9999-12-31T23:00:00Z' }, 'asOf'],
  ])('%s refuses an unstorable time', async (path, body, field) => {
    await expectRefused(() => post(path).set('X-Actor-Role', 'inf_owner').send(body), field);
  });
});

describe('currencies', () => {
  it('order/record refuses a currency that is three capitals but not ISO 4217', async () => {
    const res = await expectRefused(() => post('order/record').send({ ...order(), currency: 'ABC' }), 'currency');
    expect(res.body.errors).toEqual([{ field: 'currency', problem: 'must be an ISO 4217 currency code such as EUR' }]);
  });

  it('Money in a DTO (minPayout, a cost) refuses it too', async () => {
    await expectRefused(() => post('campaign/cost/record').send({ campaignId: 'c', costId: 'k', amount: { amount: 1, currency: 'XYZ' } }), 'amount.currency');
    await expectRefused(() => post('campaign/create').send({ name: 'n', minPayout: { amount: 100, currency: 'QQQ' } }), 'minPayout.currency');
  });
});

describe('text the store cannot hold, and depth', () => {
  it.each([
    ['NUL in a value', { ...order(), customerRef: 'a\u0000b' }, 'customerRef'],
    ['a lone high surrogate', { ...order(), lines: [{ lineId: 'l1', sku: '\uD800', quantity: 1, unitPrice: 1 }] }, 'lines[0].sku'],
    ['a lone low surrogate', { ...order(), codes: ['ok', 'x\uDC00'] }, 'codes[1]'],
    ['NUL in a key', { ...order(), ['bad\u0000key']: 1 }, 'bad\\u0000key'],
  ])('%s: 400 naming the path', async (_, body, field) => {
    await expectRefused(() => post('order/record').send(body), field);
  });

  it('a well-formed pair (an emoji) is text like any other', async () => {
    await post('order/record').send({ ...order(), customerRef: 'cust-😀' }).expect(200);
  });

  it('refuses the same in a DTO route, before validation', async () => {
    await expectRefused(() => post('probe/order').send({ name: 'x\u0000', lines: [], attribution: { windowDays: 1 } }), 'name');
  });

  it(`nesting deeper than ${LIMITS.http.jsonNestingLevels} → 400, at the first level too deep`, async () => {
    const nested = (levels: number): unknown => (levels === 0 ? 1 : { a: nested(levels - 1) });
    // The body itself is level 1.
    const res = await expectRefused(() => post('probe/order').send({ name: 'n', deep: nested(LIMITS.http.jsonNestingLevels) }), `deep${'.a'.repeat(LIMITS.http.jsonNestingLevels - 1)}`);
    expect(res.body.errors).toHaveLength(1);
    const shallow = await post('probe/order').send({ name: 'n', deep: nested(LIMITS.http.jsonNestingLevels - 2) });
    expect(shallow.body.errors.map((e: { field: string }) => e.field)).toContain('deep'); // reached the DTO: unknown property
  });
});

describe('Content-Encoding', () => {
  // superagent would JSON-serialize a Buffer sent as application/json.
  const asIs = (body: unknown) => body as string;
  const valid = { name: 'ok', lines: [{ sku: 'A', quantity: 1 }], attribution: { windowDays: 14 } };

  it('a gzip body that is gzip is read', async () => {
    const res = await post('probe/order').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').serialize(asIs).send(gzipSync(JSON.stringify(valid)));
    expect(res.body).toEqual({ ok: true, lines: 1 });
  });

  it('gzip said, plain sent → 400 CONTENT_ENCODING_MISMATCH, JSON and NDJSON alike, nothing appended', async () => {
    for (const [path, type] of [['order/record', 'application/json'], ['scm/ingest', 'application/x-ndjson']] as const) {
      const before = await written();
      const res = await post(path).set('Content-Type', type).set('Content-Encoding', 'gzip').send(JSON.stringify({ type: 'OrderPlaced', ...order() }));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'CONTENT_ENCODING_MISMATCH' });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await written()).toBe(before);
    }
  });

  it('a truncated gzip body → 400', async () => {
    const cut = gzipSync(JSON.stringify(order())).subarray(0, 20);
    const res = await post('order/record').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').serialize(asIs).send(cut);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'CONTENT_ENCODING_MISMATCH' });
  });

  it.each(['compress', 'gzip, br', 'x-custom'])('%s → 415 UNSUPPORTED_CONTENT_ENCODING', async (encoding) => {
    const before = await written();
    const res = await post('order/record').set('Content-Type', 'application/json').set('Content-Encoding', encoding).send(JSON.stringify(order()));
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 415, code: 'UNSUPPORTED_CONTENT_ENCODING' });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await written()).toBe(before);
  });
});

describe('scm/ingest: a bad line is refused on its own', () => {
  it('NUL, a lone surrogate, deep nesting, an out-of-range time, a bad currency: each line rejected with its field; the neighbours land', async () => {
    const good = () => ({ type: 'OrderPlaced', ...order() });
    const deep = JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) as unknown;
    const lines = [
      good(),
      { ...good(), customerRef: 'nul\u0000' },
      good(),
      { ...good(), lines: [{ lineId: 'l1', sku: 'x\uDBFF', quantity: 1, unitPrice: 1 }] },
      { ...good(), codes: deep },
      { ...good(), occurredAt: '9999-12-31T23:00:00Z' },
      { ...good(), currency: 'ABC' },
      good(),
    ];
    const res = await post('scm/ingest').set('Content-Type', 'application/x-ndjson').send(`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`).expect(200);
    expect(res.body.summary).toEqual({ recorded: 3, duplicate: 0, rejected: 5 });
    const rejected = res.body.results.filter((r: { status: string }) => r.status === 'rejected');
    expect(rejected.map((r: { line: number; errors: Array<{ field: string }> }) => [r.line, r.errors[0]!.field])).toEqual([
      [2, 'customerRef'],
      [4, 'lines[0].sku'],
      [5, `codes${'[0]'.repeat(LIMITS.http.jsonNestingLevels - 1)}`],
      [6, 'occurredAt'],
      [7, 'currency'],
    ]);
    for (const r of rejected) expect(r).toMatchObject({ code: 'VALIDATION_FAILED', orderId: expect.any(String) });
  });
});
