// Proves the ledger over HTTP on a fresh database with a FixedClock: held earnings from checkout codes, release-due (endpoint and scheduler) and early ReleaseHold with audited history and evidence, clawbacks referencing returns, holds and their 409s, 400s naming fields, acting-role rules and cross-org 404s.
import request from 'supertest';
import { PROGRAM_CATALOG, type ProgramCatalog } from '@ledger/attribution';
import { parsePosition } from '@ledger/event-store';
import { FixedClock } from '@ledger/kernel';
import { ReleaseDueScheduler } from '../../libs/ledger/src/earnings/commands/release-due/release-due.scheduler';
import { startTestApp, type TestApp } from '../support/app';
import { LAST_TOUCH_TEN_PERCENT, LedgerApi, moneyMinor, type ScmFact } from '../support/ledger-api';
import { at, DAY_MS, HOUR_MS } from '../support/ledger-world';
import { settle } from '../support/settle';

const T0 = '2026-03-02T09:00:00.000Z';
const EUR = 'EUR';
const clock = new FixedClock(new Date(T0));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
  // The scheduler would fire every minute on its own; here it runs only when a test ticks it.
  await t.app.get(ReleaseDueScheduler).stop();
}, 120_000);
afterAll(() => t?.close());
beforeEach(() => clock.set(new Date(T0)));

const ORDERED = at(T0, 2 * HOUR_MS);
const HOLD_UNTIL = at(ORDERED, 14 * DAY_MS);

interface World {
  api: LedgerApi;
  influencerId: string;
  campaignId: string;
}

async function world(org: string): Promise<World> {
  clock.set(new Date(T0)); // programs are set up at T0 (also from a describe's beforeAll)
  const api = new LedgerApi(t, org, 'manager-mia');
  const campaign = await api.createActiveCampaign(LAST_TOUCH_TEN_PERCENT);
  const influencer = await api.createProfile({ name: 'Ada', email: `ada@${org}.example` });
  const code = await api.createCode({ campaignId: campaign.id, influencerId: influencer.id, code: 'ADA10', kind: 'coupon' });
  // Checkout answers from the in-memory catalog without waiting: let it take in the new code first.
  expect(await t.app.get<ProgramCatalog>(PROGRAM_CATALOG).waitFor(parsePosition(code.position!)!, 5_000)).toBe(true);
  // Checkout refuses touches from the future: the clock moves to the touch, then to the orders.
  clock.set(new Date(at(T0, HOUR_MS)));
  const applied = await api.applyCode({ code: 'ADA10', channel: 'ecommerce', customerRef: 'cust-touch', subtotal: { amount: 10_000, currency: EUR }, occurredAt: at(T0, HOUR_MS) }, code.position);
  if (!applied.valid) throw new Error(`code/apply refused: ${JSON.stringify(applied)}`);
  clock.set(new Date(ORDERED));
  return { api, influencerId: influencer.id, campaignId: campaign.id };
}

const placed = (orderId: string, lines: Extract<ScmFact, { type: 'OrderPlaced' }>['lines'], customerRef = 'cust-touch'): ScmFact => ({
  type: 'OrderPlaced', sourceRef: `scm-${orderId}`, orderId, channel: 'ecommerce', customerRef, occurredAt: ORDERED, currency: EUR, lines,
});
const returned = (orderId: string, returnId: string, lines: Array<{ lineId: string; quantity: number }>): ScmFact => ({
  type: 'OrderReturned', sourceRef: `scm-${returnId}`, orderId, returnId, occurredAt: at(ORDERED, 2 * DAY_MS), lines,
});

/** Records an order and returns its (only) earning once the process manager and projections have run. */
async function earningOf(w: World, orderId: string, lines: Extract<ScmFact, { type: 'OrderPlaced' }>['lines']) {
  const position = await w.api.record(placed(orderId, lines));
  await settle(t);
  const items = await w.api.earnings({ orderId }, position);
  expect(items).toHaveLength(1);
  return items[0]!;
}

const LINE = [{ lineId: 'l1', sku: 'SKU-A', quantity: 2, unitPrice: 5_000 }]; // base 10 000 → 1 000

function post(path: string, org: string, body: unknown, headers: Record<string, string> = {}, roles = ['inf_finance']) {
  return t.auth({ org, roles }).then((auth) => request(t.server).post(`/influencer/${path}`).set(auth).set(headers).send(body as object));
}

describe('scenario 1: code at checkout → held → payable', () => {
  it('accrues held until occurredAt + holdDays, with evidence; release-due makes it payable only once the hold has ended', async () => {
    const w = await world('led-s1');
    const earning = await earningOf(w, 'o-1', LINE);
    expect(earning).toMatchObject({ influencerId: w.influencerId, campaignId: w.campaignId, level: 1, state: 'held', amount: { amount: 1_000, currency: EUR }, clawedBack: { amount: 0, currency: EUR }, holdUntil: HOLD_UNTIL });
    expect(earning.references).toEqual([{ kind: 'order', id: 'o-1', sourceRef: 'scm-o-1' }]);

    const detail = await w.api.earning(earning.earningId);
    expect(detail.evidence).toMatchObject({
      conversion: { orderId: 'o-1', sourceRef: 'scm-o-1' },
      rules: { campaignId: w.campaignId, rulesVersion: 1 },
      attribution: { model: 'last_touch', code: 'ADA10', touchKind: 'code', touchedAt: at(T0, HOUR_MS), channel: 'ecommerce', commissionBase: { amount: 10_000, currency: EUR } },
      calculation: { details: { basis: 'percent', rateBps: 1_000, commissionBase: 10_000 } },
    });
    expect(detail.transitions.map((tr: any) => [tr.type, tr.fromState, tr.toState, tr.actorId, tr.reasonCode, tr.sourceRef, tr.at])).toEqual([
      ['EarningAccrued', null, 'pending', 'system:attribution', null, 'scm-o-1', ORDERED],
      ['HoldPlaced', 'pending', 'held', 'system:attribution', 'hold_period', 'scm-o-1', ORDERED],
    ]);

    // The clock a minute before the hold ends: release-due (asOf = now) leaves it held.
    clock.set(new Date(at(HOLD_UNTIL, -60_000)));
    const early = await w.api.releaseDue(undefined as never);
    expect(early).toMatchObject({ released: 0, asOf: at(HOLD_UNTIL, -60_000) });
    expect((await w.api.earning(earning.earningId, early.position)).state).toBe('held');

    clock.set(new Date(at(HOLD_UNTIL, 60_000)));
    const due = await w.api.releaseDue(undefined as never);
    expect(due).toMatchObject({ released: 1, influencers: 1 });
    const after = await w.api.earning(earning.earningId, due.position);
    expect(after.state).toBe('payable');
    // Released at the hold's end (not when someone noticed), by the one who asked, in their role.
    expect(after.transitions.at(-1)).toMatchObject({ type: 'HoldReleased', fromState: 'held', toState: 'payable', reasonCode: 'hold_expired', holdKind: 'period', at: HOLD_UNTIL, role: 'inf_finance' });
    expect(await w.api.balance(w.influencerId, EUR, due.position)).toEqual({ pending: 0, held: 0, payable: 1_000, paid: 0, clawedBack: 0 });

    // Again: nothing left to release.
    expect(await w.api.releaseDue(undefined as never)).toMatchObject({ released: 0 });
  });

  it("the worker's scheduler releases due holds as of the injected clock", async () => {
    const w = await world('led-s1-scheduler');
    const earning = await earningOf(w, 'o-1', LINE);
    clock.set(new Date(at(HOLD_UNTIL, 1)));
    await t.app.get(ReleaseDueScheduler).tick();
    await settle(t);
    const after = await w.api.earning(earning.earningId);
    expect(after.state).toBe('payable');
    expect(after.transitions.at(-1)).toMatchObject({ type: 'HoldReleased', actorId: 'system:release-due', reasonCode: 'hold_expired', at: HOLD_UNTIL });
  });

  it('finance releases early (ReleaseHold): payable, with reason code, note, actor and role in the history', async () => {
    const w = await world('led-s1-early');
    const earning = await earningOf(w, 'o-1', LINE);
    clock.set(new Date(at(T0, DAY_MS)));
    const res = await post('earning/release', 'led-s1-early', { earningIds: [earning.earningId], reasonCode: 'vip_early_release', note: 'approved' }, { 'X-Actor-Role': 'inf_finance', 'X-Cost-Centre': 'cc-42' }, ['inf_finance']);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ earnings: [{ earningId: earning.earningId, influencerId: w.influencerId, state: 'payable' }], changed: 1, remaining: 0, position: expect.stringMatching(/^\d+-\d+$/) });
    const detail = await w.api.earning(earning.earningId, res.body.position);
    expect(detail.state).toBe('payable');
    expect(detail.transitions.at(-1)).toMatchObject({
      type: 'HoldReleased', fromState: 'held', toState: 'payable', actorId: 'test-actor', role: 'inf_finance', reasonCode: 'vip_early_release', note: 'approved', costCentre: 'cc-42', at: at(T0, DAY_MS),
    });
    // A payable earning has no hold to release: 409, nothing appended.
    const again = await post('earning/release', 'led-s1-early', { earningIds: [earning.earningId], reasonCode: 'again' }, { 'X-Actor-Role': 'inf_finance' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 409, code: 'LEDGER.HOLD_NOT_RELEASABLE' });
  });
});

describe('scenario 2: returns claw back', () => {
  it('a partial return claws back its line pro rata, a full one the rest; each references its return', async () => {
    const w = await world('led-s2');
    const earning = await earningOf(w, 'o-2', [
      { lineId: 'a', sku: 'SKU-A', quantity: 3, unitPrice: 3_000 }, // 900
      { lineId: 'b', sku: 'SKU-B', quantity: 1, unitPrice: 3_000, discount: 500 }, // 250
    ]);
    expect(moneyMinor(earning.amount)).toBe(1_150);

    await w.api.record(returned('o-2', 'ret-1', [{ lineId: 'a', quantity: 1 }]));
    await settle(t);
    const partial = (await w.api.earnings({ orderId: 'o-2' }))[0]!;
    expect(partial).toMatchObject({ state: 'held', clawedBack: { amount: 300, currency: EUR } }); // floor(900 × 1/3)
    expect(partial.references).toEqual([
      { kind: 'order', id: 'o-2', sourceRef: 'scm-o-2' },
      { kind: 'return', id: 'ret-1', sourceRef: 'scm-ret-1', amount: 300 },
    ]);

    await w.api.record(returned('o-2', 'ret-2', [{ lineId: 'a', quantity: 2 }, { lineId: 'b', quantity: 1 }]));
    await settle(t);
    const detail = await w.api.earning(earning.earningId);
    expect(detail).toMatchObject({ state: 'clawed_back', clawedBack: { amount: 1_150, currency: EUR }, buckets: { held: { amount: 0 }, clawedBack: { amount: 1_150 } } });
    const clawbacks = detail.transitions.filter((tr: any) => tr.type === 'EarningClawedBack');
    expect(clawbacks.map((tr: any) => [tr.reference, tr.amount.amount, tr.reasonCode, tr.sourceRef, tr.toState])).toEqual([
      [{ kind: 'return', id: 'ret-1' }, 300, 'order_returned', 'scm-ret-1', 'held'],
      [{ kind: 'return', id: 'ret-2' }, 850, 'order_returned', 'scm-ret-2', 'clawed_back'],
    ]);
    expect(await w.api.balance(w.influencerId, EUR)).toEqual({ pending: 0, held: 0, payable: 0, paid: 0, clawedBack: 1_150 });

    // Releasing or holding a clawed-back earning conflicts with its state.
    const release = await post('earning/release', 'led-s2', { earningIds: [earning.earningId], reasonCode: 'x' }, { 'X-Actor-Role': 'inf_finance' });
    expect(release.status).toBe(409);
    expect(release.body.code).toBe('LEDGER.HOLD_NOT_RELEASABLE');
    const hold = await post('earning/hold', 'led-s2', { earningIds: [earning.earningId], reasonCode: 'x' }, { 'X-Actor-Role': 'inf_finance' });
    expect(hold.status).toBe(409);
    expect(hold.body.code).toBe('LEDGER.HOLD_NOT_PLACEABLE');
  });
});

describe('holds', () => {
  it('a manual hold outlives the period: release-due skips it until finance releases it; influencer-wide holds and releases', async () => {
    const w = await world('led-hold');
    const first = await earningOf(w, 'o-h1', LINE);
    const second = await earningOf(w, 'o-h2', LINE);

    const held = await post('earning/hold', 'led-hold', { earningIds: [first.earningId], reasonCode: 'kyc_pending', note: 'missing tax id' }, { 'X-Actor-Role': 'inf_finance' });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ earnings: [{ earningId: first.earningId, state: 'held' }], changed: 1 });
    const detail = await w.api.earning(first.earningId, held.body.position);
    expect(detail.hold).toEqual({ kind: 'manual', reasonCode: 'kyc_pending' });
    expect(detail.holdUntil).toBe(HOLD_UNTIL); // the period's end stays visible

    clock.set(new Date(at(HOLD_UNTIL, DAY_MS)));
    const due = await w.api.releaseDue(undefined as never);
    expect(due).toMatchObject({ released: 1 });
    const states = Object.fromEntries((await w.api.earnings({ influencerId: w.influencerId }, due.position)).map((e) => [e.orderId, e.state]));
    expect(states).toEqual({ 'o-h1': 'held', 'o-h2': 'payable' });

    // Influencer-wide: a fraud hold takes every earning that is not held that way already.
    const fraud = await post('earning/hold', 'led-hold', { influencerId: w.influencerId, kind: 'fraud', reasonCode: 'velocity_anomaly' }, { 'X-Actor-Role': 'inf_fraud_reviewer' }, ['inf_fraud_reviewer']);
    expect(fraud.status).toBe(200);
    expect(fraud.body.earnings.map((e: any) => e.state)).toEqual(['held', 'held']);
    // Which earnings an influencer-wide command takes comes from the read model (ADR 0009): read your write.
    const released = await post('earning/release', 'led-hold', { influencerId: w.influencerId, reasonCode: 'cleared' }, { 'X-Actor-Role': 'inf_fraud_reviewer', 'X-Consistency-Position': fraud.body.position }, ['inf_fraud_reviewer']);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ changed: 2 });
    expect((await w.api.earnings({ state: 'payable' }, released.body.position)).map((e) => e.earningId).sort()).toEqual([first.earningId, second.earningId].sort());
  });

  it('is all or nothing across earnings: one refusal, nothing appended', async () => {
    const w = await world('led-atomic');
    const a = await earningOf(w, 'o-a', LINE);
    const b = await earningOf(w, 'o-b', LINE);
    const early = await post('earning/release', 'led-atomic', { earningIds: [a.earningId], reasonCode: 'first' }, { 'X-Actor-Role': 'inf_finance' });
    expect(early.status).toBe(200);
    const both = await post('earning/release', 'led-atomic', { earningIds: [b.earningId, a.earningId], reasonCode: 'second' }, { 'X-Actor-Role': 'inf_finance' });
    expect(both.status).toBe(409);
    expect((await w.api.earning(b.earningId, early.body.position)).state).toBe('held');
  });
});

describe('refusals', () => {
  let w: World;
  let earningId: string;
  beforeAll(async () => {
    w = await world('led-errors');
    earningId = (await earningOf(w, 'o-e', LINE)).earningId;
  });

  const fieldsOf = (body: any) => (body.errors ?? []).map((e: any) => e.field).sort();

  it('400 naming every invalid field', async () => {
    const cases: Array<[string, unknown, string[]]> = [
      ['earning/hold', { earningIds: [earningId] }, ['reasonCode']],
      ['earning/hold', { earningIds: ['not-a-uuid'], reasonCode: 'x', kind: 'forever' }, ['earningIds', 'kind']],
      ['earning/release', { reasonCode: 'x' }, ['earningIds', 'influencerId']],
      ['earning/release', { earningIds: [earningId], influencerId: w.influencerId, reasonCode: 'x' }, ['earningIds', 'influencerId']],
      ['earning/release-due', { asOf: 'yesterday' }, ['asOf']],
      ['earning/release-due', { asOf: '2026-02-30T25:00:00Z' }, ['asOf']],
      ['earning/list', { limit: 0, state: 'lost', channel: 'tv' }, ['channel', 'limit', 'state']],
      ['earning/list', { cursor: 'bogus' }, ['cursor']],
      ['earning/get', { earningId: 42 }, ['earningId']],
      ['balance/get', {}, ['influencerId']],
      ['earning/list', { orgId: 'other' }, ['orgId']],
    ];
    for (const [path, body, fields] of cases) {
      const res = await post(path, 'led-errors', body, { 'X-Actor-Role': 'inf_finance' });
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect([path, fieldsOf(res.body)]).toEqual([path, fields]);
    }
  });

  it('X-Actor-Role: missing → 400 naming the header; not held → 403; not allowed → 403', async () => {
    const missing = await post('earning/hold', 'led-errors', { earningIds: [earningId], reasonCode: 'x' });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toEqual(['header:X-Actor-Role']);
    const notHeld = await post('earning/release', 'led-errors', { earningIds: [earningId], reasonCode: 'x' }, { 'X-Actor-Role': 'inf_admin' }, ['inf_finance']);
    expect(notHeld.status).toBe(403);
    const notAllowed = await post('earning/release-due', 'led-errors', {}, { 'X-Actor-Role': 'inf_viewer' }, ['inf_viewer']);
    expect(notAllowed.status).toBe(403);
    const fraudDue = await post('earning/release-due', 'led-errors', {}, { 'X-Actor-Role': 'inf_fraud_reviewer' }, ['inf_fraud_reviewer']);
    expect(fraudDue.status).toBe(403);
  });

  it("404 for unknown ids and for another org's earnings and influencers", async () => {
    const other = 'led-errors-other';
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await post('earning/get', other, { earningId })).status).toBe(404);
    expect((await post('earning/get', 'led-errors', { earningId: unknown })).status).toBe(404);
    const hold = await post('earning/hold', other, { earningIds: [earningId], reasonCode: 'x' }, { 'X-Actor-Role': 'inf_finance' });
    expect(hold.status).toBe(404);
    expect(hold.body.code).toBe('LEDGER.EARNING_NOT_FOUND');
    expect((await post('earning/release', other, { influencerId: w.influencerId, reasonCode: 'x' }, { 'X-Actor-Role': 'inf_finance' })).status).toBe(404);
    expect((await post('balance/get', other, { influencerId: w.influencerId })).status).toBe(404);
    const listed = await post('earning/list', other, { influencerId: w.influencerId });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ items: [], nextCursor: null });
    // The earning itself is untouched.
    expect((await w.api.earning(earningId)).state).toBe('held');
  });
});

describe('earning/list', () => {
  it('pages newest first with a cursor, and filters', async () => {
    const w = await world('led-list');
    const ids: string[] = [];
    for (const [i, hours] of [3, 5, 4].entries()) {
      await w.api.record({ ...placed(`o-${i}`, LINE), occurredAt: at(T0, hours * HOUR_MS) } as ScmFact);
    }
    await settle(t);
    let cursor: string | undefined;
    for (let page = 0; page < 3; page++) {
      const res = await post('earning/list', 'led-list', { limit: 1, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      ids.push(res.body.items[0].orderId);
      cursor = res.body.nextCursor ?? undefined;
      expect(Boolean(cursor)).toBe(page < 2);
    }
    expect(ids).toEqual(['o-1', 'o-2', 'o-0']);
    const filtered = await post('earning/list', 'led-list', { orderId: 'o-2', state: 'held', channel: 'ecommerce', campaignId: w.campaignId, influencerId: w.influencerId });
    expect(filtered.body.items.map((e: any) => e.orderId)).toEqual(['o-2']);
    expect((await post('earning/list', 'led-list', { state: 'payable' })).body.items).toEqual([]);
  });
});
