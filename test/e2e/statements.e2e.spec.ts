// Proves statements over HTTP with the REAL clock on real PostgreSQL: orders dated in a past month → hold → release-due →
// statement/generate with every total checked by hand; a return recorded after issuance is a prior-period adjustment of
// the next statement while the issued one stays byte for byte; the same period again answers the same statement;
// overlap and open periods 409; csv and pdf text; statement/run per influencer; rebuilding both statement read models
// from events gives byte-identical statements (json, csv, pdf); 400 naming fields, 403 wrong role, 404 other org, partner tokens.
import { setTimeout as delay } from 'node:timers/promises';
import request from 'supertest';
import { createDb } from '@ledger/db';
import { rebuildProjection } from '@ledger/projections';
import { statementLinesProjection, statementProjection } from '@ledger/statements';
import { startTestApp, type TestApp } from '../support/app';
import { LAST_TOUCH_TEN_PERCENT, LedgerApi, MANAGER, type CampaignInput } from '../support/ledger-api';
import { DAY_MS } from '../support/ledger-world';
import { pdfTextRuns } from '../support/pdf-text';
import { settleOrg } from '../support/settle';

const EUR = 'EUR';
const ORG = 'stmt-e2e';
const now = new Date();
/** The calendar month two months back (UTC): every date of the story, holds included, lies in the past. */
const M = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
const M1 = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
const M2 = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
const day = (base: Date, days: number, hour = 10) => new Date(base.getTime() + days * DAY_MS + hour * 3_600_000).toISOString();
const FIRST = { periodStart: M.toISOString(), periodEnd: M1.toISOString() };
const SECOND = { periodStart: M1.toISOString(), periodEnd: M2.toISOString() };
const eur = (amount: number) => ({ amount, currency: EUR });
/** Generous: the machine is shared, and a long transaction elsewhere holds back every $all reader. */
const SETTLE = { timeoutMs: 120_000 };
// Each test waits on the app's followers; on a loaded shared machine that takes far longer than jest's default.
jest.setTimeout(300_000);

let t: TestApp;
let api: LedgerApi;
let ada: string;
let bea: string;
beforeAll(async () => {
  t = await startTestApp(); // the system clock
  api = new LedgerApi(t, ORG, 'manager-mia');
}, 120_000);
afterAll(() => t?.close());

const order = (orderId: string, occurredAt: string, code: string, quantity: number, unitPrice: number) => ({
  type: 'OrderPlaced' as const, sourceRef: `scm-${orderId}`, orderId, channel: 'ecommerce' as const, customerRef: `cust-${orderId}`, occurredAt, currency: EUR,
  lines: [{ lineId: 'l1', sku: 'SKU-1', quantity, unitPrice }], codes: [code],
});
const returned = (orderId: string, returnId: string, occurredAt: string, quantity: number) => ({
  type: 'OrderReturned' as const, sourceRef: `scm-${returnId}`, orderId, returnId, occurredAt, lines: [{ lineId: 'l1', quantity }],
});

/** The last statement command's position: every query reads its writes (X-Consistency-Position). */
let written: string | null = null;

async function post(path: string, body: unknown, claims: { roles?: string[]; org?: string; sub?: string } = {}) {
  const auth = await t.auth({ org: claims.org ?? ORG, roles: claims.roles ?? ['inf_finance'], sub: claims.sub ?? 'finance-fay' });
  let req = request(t.server).post(`/influencer/statement/${path}`).set(auth);
  if (written !== null && (path === 'get' || path === 'list')) req = req.set('X-Consistency-Position', written);
  let res = await req.send(body as object);
  // 503 + Retry-After (read models behind, a shared machine under load): retried as the contract tells clients to.
  for (let attempt = 0; res.status === 503 && attempt < 12; attempt++) {
    await delay(1_000 * Math.min(5, Number(res.headers['retry-after'] ?? 1) || 1));
    let again = request(t.server).post(`/influencer/statement/${path}`).set(auth);
    if (written !== null && (path === 'get' || path === 'list')) again = again.set('X-Consistency-Position', written);
    res = await again.send(body as object);
  }
  if ((path === 'generate' || path === 'run') && res.status === 200 && typeof res.body.position === 'string') written = res.body.position;
  return res;
}

async function generate(body: Record<string, unknown>, roles = ['inf_finance']) {
  const res = await post('generate', { currency: EUR, ...body }, { roles });
  if (res.status !== 200) throw new Error(`statement/generate answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

const totalsOf = (s: Record<string, any>) => ({
  opening: s.opening, earned: s.earned, clawedBack: s.clawedBack, adjustments: s.adjustments, released: s.released, paid: s.paid,
  priorPeriodAdjustments: s.priorPeriodAdjustments, closing: s.closing,
});

let first: Record<string, any>;
let firstJson: string;

describe('a month of ledger facts', () => {
  beforeAll(async () => {
    const startsAt = new Date(M.getTime() - 10 * DAY_MS).toISOString();
    const rules: CampaignInput = { ...LAST_TOUCH_TEN_PERCENT, name: 'Statements', attribution: { model: 'coupon', windowDays: 30 }, holdDays: 7, startsAt };
    const campaign = await api.createActiveCampaign(rules);
    ada = (await api.createProfile({ name: 'Ada', email: 'ada@stmt.example' })).id;
    bea = (await api.createProfile({ name: 'Bea', email: 'bea@stmt.example' })).id;
    await api.command('code/create', { campaignId: campaign.id, influencerId: ada, code: 'ADA10', kind: 'coupon', validFrom: startsAt }, { roles: MANAGER });
    await api.command('code/create', { campaignId: campaign.id, influencerId: bea, code: 'BEA10', kind: 'coupon', validFrom: startsAt }, { roles: MANAGER });
    // 10 % of each order: o-1 1 000, o-2 2 500, o-3 3 000 (first month); o-4 2 000 (second month); Bea's b-1 800.
    await api.record(order('o-1', day(M, 1), 'ADA10', 2, 5_000));
    await api.record(order('o-2', day(M, 4), 'ADA10', 5, 5_000));
    await api.record(order('o-3', day(M, 24), 'ADA10', 3, 10_000)); // held until day 31: released in the second month
    await api.record(order('o-4', day(M1, 2), 'ADA10', 4, 5_000));
    await api.record(order('b-1', day(M, 3), 'BEA10', 1, 8_000));
    await settleOrg(t, ORG, SETTLE);
    // 2 of o-2's 5 units come back on day 11, the day its hold ends: 1 000 clawed back while still held.
    await api.record(returned('o-2', 'r-o2', day(M, 11), 2));
    await settleOrg(t, ORG, SETTLE);
    await api.releaseDue(new Date().toISOString());
    await settleOrg(t, ORG, SETTLE);
  }, 400_000);

  it('issues the first month with every total as counted by hand, numbered <org>-<influencer>-1', async () => {
    first = await generate({ influencerId: ada, ...FIRST });
    expect(first).toMatchObject({ number: `${ORG}-${ada}-1`, influencerId: ada, currency: EUR, ...FIRST });
    expect(typeof first.position).toBe('string');
    expect(totalsOf(first)).toEqual({
      opening: { owed: eur(0), payable: eur(0) },
      earned: eur(6_500), // 1 000 + 2 500 + 3 000
      clawedBack: eur(1_000),
      adjustments: eur(0),
      released: eur(2_500), // o-1 1 000 + o-2 what was left, 1 500; o-3's release falls in the next month
      paid: eur(0),
      priorPeriodAdjustments: eur(0),
      closing: { owed: eur(5_500), payable: eur(2_500) }, // 0 + 6 500 − 1 000 + 0 − 0; o-3's 3 000 still held
    });
    expect(first.lines.map((l: any) => [l.kind, l.orderId, l.amount.amount])).toEqual([
      ['earned', 'o-1', 1_000], ['held', 'o-1', 1_000],
      ['earned', 'o-2', 2_500], ['held', 'o-2', 2_500],
      ['released', 'o-1', 1_000],
      ['clawed_back', 'o-2', 1_000], ['released', 'o-2', 1_500],
      ['earned', 'o-3', 3_000], ['held', 'o-3', 3_000],
    ]);
    expect(first.lines[0]).toMatchObject({ at: day(M, 1), sourceRef: 'scm-o-1' });
    expect(first.lines[5]).toMatchObject({ at: day(M, 11), sourceRef: 'scm-r-o2', note: 'order_returned (return r-o2)' });
    const got = await post('get', { statementId: first.id }, { roles: ['inf_auditor'] });
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toMatch(/^application\/json/);
    firstJson = got.text;
    const { position: _position, ...issued } = first;
    expect(JSON.parse(firstJson)).toEqual(issued);
  });

  it('the same period again answers the same statement, however the instants are spelt', async () => {
    const offset = (iso: string) => iso.replace('.000Z', '+00:00');
    const again = await generate({ influencerId: ada, periodStart: offset(FIRST.periodStart), periodEnd: offset(FIRST.periodEnd) });
    const { position: _p, ...body } = again;
    expect(JSON.stringify(body)).toBe(firstJson);
  });

  it('refuses an overlapping period (409 period_overlap), one before the last statement, and a period not yet ended (409 period_open)', async () => {
    const overlap = await post('generate', { influencerId: ada, currency: EUR, periodStart: day(M, 15, 0), periodEnd: day(M1, 15, 0) });
    expect(overlap.status).toBe(409);
    expect(overlap.headers['content-type']).toMatch(/problem\+json/);
    expect(overlap.body.code).toBe('period_overlap');
    const open = await post('generate', { influencerId: ada, currency: EUR, periodStart: M2.toISOString(), periodEnd: new Date(Date.now() + DAY_MS).toISOString() });
    expect(open.status).toBe(409);
    expect(open.body.code).toBe('period_open');
    const before = await post('generate', { influencerId: ada, currency: EUR, periodStart: day(M, -20, 0), periodEnd: M.toISOString() });
    expect(before.status).toBe(409);
    expect(before.body.code).toBe('period_before_last_statement');
    const run = await post('run', { currency: EUR, periodStart: M2.toISOString(), periodEnd: new Date(Date.now() + DAY_MS).toISOString() });
    expect(run.status).toBe(409);
    expect(run.body.code).toBe('period_open');
  });

  it('a return of the first month recorded after its issuance: a prior-period adjustment of the next statement; the issued one unchanged', async () => {
    // 1 of o-1's 2 units, returned on day 19 of the first month, recorded now: 500 clawed back from a payable earning.
    await api.record(returned('o-1', 'r-o1', day(M, 19), 1));
    await settleOrg(t, ORG, SETTLE);
    await api.releaseDue(new Date().toISOString()); // o-4's hold (second month) has ended too
    await settleOrg(t, ORG, SETTLE);

    const second = await generate({ influencerId: ada, ...SECOND });
    expect(second.number).toBe(`${ORG}-${ada}-2`);
    expect(totalsOf(second)).toEqual({
      opening: { owed: eur(5_500), payable: eur(2_500) }, // the first statement's closing
      earned: eur(2_000), // o-4
      clawedBack: eur(0),
      adjustments: eur(0),
      released: eur(5_000), // o-3 3 000 + o-4 2 000
      paid: eur(0),
      priorPeriodAdjustments: eur(-500),
      closing: { owed: eur(7_000), payable: eur(7_000) }, // 5 500 + 2 000 − 0 + 0 − 0 − 500; payable 2 500 + 5 000 − 500
    });
    expect(second.lines.at(-1)).toEqual({
      at: day(M, 19), kind: 'prior_period_adjustment', earningId: first.lines[0].earningId, orderId: 'o-1', sourceRef: 'scm-r-o1',
      amount: eur(-500), note: 'clawed_back: order_returned (return r-o1)',
    });
    // The closing is the ledger's own balance: nothing fell between the statements.
    const balance = await api.balance(ada, EUR, second.position);
    expect(balance.pending + balance.held + balance.payable).toBe(7_000);
    expect(balance.payable).toBe(7_000);

    const again = await post('get', { statementId: first.id }, { roles: ['inf_viewer'] });
    expect(again.text).toBe(firstJson);
  }, 300_000);

  it('csv: the header, a row per line, then a row per total', async () => {
    const res = await post('get', { statementId: first.id, format: 'csv' }, { roles: ['inf_auditor'] });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = res.text.trimEnd().split('\n');
    expect(rows[0]).toBe('at,kind,earningId,orderId,sourceRef,amount,currency,note');
    expect(rows[1]).toBe(`${day(M, 1)},earned,${first.lines[0].earningId},o-1,scm-o-1,1000,EUR,`);
    expect(rows[6]).toBe(`${day(M, 11)},clawed_back,${first.lines[5].earningId},o-2,scm-r-o2,1000,EUR,order_returned (return r-o2)`);
    const totals = rows.slice(1 + first.lines.length).map((r) => r.split(','));
    expect(totals.map((r) => [r[1], r[5]])).toEqual([
      ['opening.owed', '0'], ['opening.payable', '0'], ['earned', '6500'], ['clawedBack', '1000'], ['adjustments', '0'], ['released', '2500'],
      ['paid', '0'], ['priorPeriodAdjustments', '0'], ['closing.owed', '5500'], ['closing.payable', '2500'],
    ]);
  });

  it('pdf: a printable statement whose text names the number, the period and the totals', async () => {
    const res = await pdfOf(first.id);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfTextRuns(pdf).join('\n');
    expect(text).toContain(`Statement ${first.number}`);
    expect(text).toContain(`Period: ${FIRST.periodStart} to ${FIRST.periodEnd}`);
    expect(text).toContain('earned: 65.00 EUR');
    expect(text).toContain('closing.owed: 55.00 EUR');
    expect(text).toContain('closing.payable: 25.00 EUR');
    expect(text).toContain('clawed_back  10.00 EUR');
  });

  it('statement/run: every influencer with activity, a result each (Ada\'s first month exists, Bea\'s is issued)', async () => {
    const res = await post('run', { currency: EUR, ...FIRST }, { roles: ['inf_owner'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ issued: 1, existing: 1, failed: 0, nextCursor: null });
    const byInfluencer = Object.fromEntries(res.body.items.map((i: any) => [i.influencerId, i]));
    expect(byInfluencer[ada]).toMatchObject({ status: 'existing', statementId: first.id, number: first.number });
    expect(byInfluencer[bea]).toMatchObject({ status: 'issued', number: `${ORG}-${bea}-1` });
    const bs = await post('get', { statementId: byInfluencer[bea].statementId }, { roles: ['inf_viewer'] });
    expect(totalsOf(bs.body)).toMatchObject({ earned: eur(800), released: eur(800), closing: { owed: eur(800), payable: eur(800) } });
    const again = await post('run', { currency: EUR, ...FIRST }, { roles: ['inf_finance'] });
    expect(again.body).toMatchObject({ issued: 0, existing: 2, failed: 0 });
  });

  it('statement/list pages, filters by influencer and period', async () => {
    const all = await post('list', { limit: 1 }, { roles: ['inf_viewer'] });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(1);
    expect(all.body.nextCursor).toEqual(expect.any(String));
    const ofAda = await post('list', { influencerId: ada }, { roles: ['inf_viewer'] });
    expect(ofAda.body.items.map((s: any) => [s.number, s.lineCount])).toEqual([[`${ORG}-${ada}-1`, 9], [`${ORG}-${ada}-2`, expect.any(Number)]]);
    const second = await post('list', { from: SECOND.periodStart, to: SECOND.periodEnd }, { roles: ['inf_viewer'] });
    expect(second.body.items.map((s: any) => s.number)).toEqual([`${ORG}-${ada}-2`]);
  });

  it('statement/run: a refusal is that influencer\'s result, never the run\'s', async () => {
    const late = await generate({ influencerId: bea, periodStart: day(M1, 10, 0), periodEnd: SECOND.periodEnd });
    expect(totalsOf(late)).toMatchObject({ opening: { owed: eur(800), payable: eur(800) }, earned: eur(0), closing: { owed: eur(800), payable: eur(800) } });
    const res = await post('run', { currency: EUR, ...SECOND }, { roles: ['inf_finance'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ issued: 0, existing: 1, failed: 1 });
    expect(res.body.items).toEqual(expect.arrayContaining([
      { influencerId: ada, status: 'existing', statementId: expect.any(String), number: `${ORG}-${ada}-2` },
      { influencerId: bea, status: 'failed', code: 'period_overlap' },
    ]));
  });

  it('statement/run after a late return: the influencer\'s next statement reports it as a prior-period adjustment', async () => {
    // Bea's only order (800) comes back whole, dated in the first month, recorded after both of her statements.
    await api.record(returned('b-1', 'r-b1', day(M, 20), 1));
    await settleOrg(t, ORG, SETTLE);
    const thisMonth = { periodStart: M2.toISOString(), periodEnd: new Date(Date.now() - 60_000).toISOString() };
    const res = await post('run', { currency: EUR, ...thisMonth }, { roles: ['inf_finance'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ issued: 1, existing: 0, failed: 0, inactive: 1 }); // Ada: nothing new to report
    expect(res.body.items).toEqual([{ influencerId: bea, status: 'issued', statementId: expect.any(String), number: `${ORG}-${bea}-3` }]);
    const got = await post('get', { statementId: res.body.items[0].statementId }, { roles: ['inf_viewer'] });
    expect(totalsOf(got.body)).toEqual({
      opening: { owed: eur(800), payable: eur(800) }, earned: eur(0), clawedBack: eur(0), adjustments: eur(0), released: eur(0), paid: eur(0),
      priorPeriodAdjustments: eur(-800), closing: { owed: eur(0), payable: eur(0) },
    });
    expect(got.body.lines).toEqual([
      { at: day(M, 20), kind: 'prior_period_adjustment', earningId: expect.any(String), orderId: 'b-1', sourceRef: 'scm-r-b1', amount: eur(-800), note: 'clawed_back: order_returned (return r-b1)' },
    ]);
  }, 300_000);

  it('rebuilding both statement read models from events gives byte-identical statements (json and csv)', async () => {
    const before = await Promise.all([...(await statementIds()).flatMap((id) => [post('get', { statementId: id }), post('get', { statementId: id, format: 'csv' })])]);
    const pdfBeforeRebuild = (await pdfOf(first.id)).body as Buffer;
    const handle = createDb(t.dbUrl, 2);
    try {
      for (const projection of [statementLinesProjection, statementProjection]) {
        const report = await rebuildProjection({ db: handle.db, pool: handle.pool, eventStore: t.eventStore, pauseWaitMs: 30_000 }, projection);
        expect(report.eventsApplied).toBeGreaterThan(0);
      }
    } finally {
      await handle.close();
    }
    const after = await Promise.all([...(await statementIds()).flatMap((id) => [post('get', { statementId: id }), post('get', { statementId: id, format: 'csv' })])]);
    expect(after.map((r) => r.status)).toEqual(before.map(() => 200));
    expect(after.map((r) => r.text)).toEqual(before.map((r) => r.text));
    // The pdf too: its dates are the issuance's, so the same statement prints the same bytes.
    const pdfAfter = (await pdfOf(first.id)).body as Buffer;
    expect(pdfAfter.length).toBeGreaterThan(1_000);
    expect(pdfAfter.equals(pdfBeforeRebuild)).toBe(true);
    // The rebuilt lines still feed generation: the first month again is the same statement.
    const { position: _p, ...again } = await generate({ influencerId: ada, ...FIRST });
    expect(JSON.stringify(again)).toBe(firstJson);
  }, 120_000);
});

describe('concurrent issues for one influencer', () => {
  it('the same period at once: one statement for all; four currencies at once: numbers 1 to 4, none twice', async () => {
    const cai = (await api.createProfile({ name: 'Cai', email: 'cai@stmt.example' })).id;
    const same = await Promise.all(Array.from({ length: 6 }, () => post('generate', { influencerId: cai, currency: EUR, ...FIRST })));
    expect(same.map((r) => [r.status, r.body.code])).toEqual(same.map(() => [200, undefined]));
    expect(new Set(same.map((r) => `${r.body.id} ${r.body.number} ${r.body.issuedAt}`)).size).toBe(1);
    expect(same[0]!.body.number).toBe(`${ORG}-${cai}-1`);

    const currencies = ['USD', 'GBP', 'CHF', 'SEK'];
    const issued = await Promise.all(currencies.map((currency) => post('generate', { influencerId: cai, currency, ...FIRST })));
    expect(issued.map((r) => r.status)).toEqual(currencies.map(() => 200));
    expect(issued.map((r) => r.body.number).sort()).toEqual([2, 3, 4, 5].map((seq) => `${ORG}-${cai}-${seq}`));
    expect(issued.map((r) => r.body.currency)).toEqual(currencies);
  });
});

async function pdfOf(statementId: string) {
  let req = request(t.server).post('/influencer/statement/get').set(await t.auth({ org: ORG, roles: ['inf_auditor'] }));
  if (written !== null) req = req.set('X-Consistency-Position', written);
  return req
    .send({ statementId, format: 'pdf' })
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

async function statementIds(): Promise<string[]> {
  const res = await post('list', { limit: 500 }, { roles: ['inf_viewer'] });
  return res.body.items.map((s: any) => s.id);
}

describe('refusals and who may see what', () => {
  it('400 naming every bad field, unknown fields included', async () => {
    const res = await post('generate', { periodStart: 'yesterday', periodEnd: FIRST.periodEnd, currency: 'EURO', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors.map((e: any) => e.field).sort()).toEqual(['currency', 'extra', 'influencerId', 'periodStart']);
    const reversed = await post('generate', { influencerId: ada, currency: EUR, periodStart: FIRST.periodEnd, periodEnd: FIRST.periodStart });
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual([{ field: 'periodEnd', problem: 'must be after periodStart' }]);
    const format = await post('get', { statementId: 'not-an-id', format: 'xls' }, { roles: ['inf_viewer'] });
    expect(format.status).toBe(400);
    expect(format.body.errors.map((e: any) => e.field).sort()).toEqual(['format', 'statementId']);
  });

  it('403 for a role that may not issue; readers read', async () => {
    expect((await post('generate', { influencerId: ada, currency: EUR, ...FIRST }, { roles: ['inf_viewer'] })).status).toBe(403);
    expect((await post('run', { currency: EUR, ...FIRST }, { roles: ['inf_auditor'] })).status).toBe(403);
    expect((await post('get', { statementId: first.id }, { roles: ['inf_campaign_manager'] })).status).toBe(403);
  });

  it('404 for another org: its statements and its influencers do not exist here', async () => {
    const other = { org: 'stmt-other', roles: ['inf_owner'] };
    expect((await post('get', { statementId: first.id }, other)).status).toBe(404);
    expect((await post('generate', { influencerId: ada, currency: EUR, ...FIRST }, other)).status).toBe(404);
    expect((await post('list', {}, other)).body.items).toEqual([]);
  });

  it('a partner token reads its own statements only (404 for another influencer\'s)', async () => {
    const own = await post('get', { statementId: first.id }, { roles: ['inf_partner'], sub: ada });
    expect(own.status).toBe(200);
    expect(own.text).toBe(firstJson);
    const beaToken = { roles: ['inf_partner'], sub: bea };
    expect((await post('get', { statementId: first.id }, beaToken)).status).toBe(404);
    const listed = await post('list', {}, beaToken);
    expect(listed.body.items.map((s: any) => s.influencerId)).toEqual([bea, bea, bea]);
    expect((await post('generate', { influencerId: bea, currency: EUR, ...SECOND }, beaToken)).status).toBe(403);
    // Routes open to "any token" (checkout) are not open to a partner's.
    const checkout = await request(t.server).post('/influencer/code/apply').set(await t.auth({ org: ORG, roles: ['inf_partner'], sub: bea })).send({});
    expect([checkout.status, checkout.body.code]).toEqual([403, 'PARTNER_ROUTE_NOT_ALLOWED']);
  });
});
