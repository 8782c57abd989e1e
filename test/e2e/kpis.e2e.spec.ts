// Proves every KPI figure over HTTP against a hand-computed fixture month (test/support/kpi-month.ts,
// appended as events and projected by the real `kpi` projection on real PostgreSQL), that replaying the
// events changes nothing, that a rebuild gives the same rows, and the edge: 400 naming fields, 403, org scope,
// 409 past the group limit.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { LIMITS } from '@ledger/kernel';
import { createDb, type DbHandle } from '@ledger/db';
import { kpiFactsProjection } from '@ledger/kpis';
import { rebuildProjection } from '@ledger/projections';
import { untilVisible } from '../../libs/projections/src/testing/fixture';
import { startTestApp, type TestApp } from '../support/app';
import { appendKpiMonth, ORG } from '../support/kpi-month';

const MARCH = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z', currency: 'EUR' };
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

let t: TestApp;
let handle: DbHandle<any>;

async function project(times = 1) {
  const all = await t.eventStore.readAll({ after: null, maxCount: 10_000, filter: kpiFactsProjection.filter });
  for (let i = 0; i < times; i++) {
    // Batches of 7: the same facts split differently, and applied again, must give the same rows.
    for (let at = 0; at < all.length; at += 7) await t.db.transaction().execute((trx) => kpiFactsProjection.apply(trx, all.slice(at, at + 7)));
  }
}

async function kpi(name: string, body: object, claims: object = {}, status = 200) {
  const res = await request(t.server).post(`/influencer/kpi/${name}`).set(await t.auth({ org: ORG, roles: ['inf_viewer'], ...claims })).send(body);
  expect({ status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({ status, body: 'ok' });
  return res.body;
}

const EXPECTED: Record<string, [object, unknown[]]> = {
  attribution: [{}, [{ key: {}, orders: 4, units: 9, revenue: eur(10_700), attributedRevenue: eur(4_500), attributedOrders: 2, touches: 4, convertedTouches: 2, conversionRate: 0.5, assistedConversions: 1 }]],
  'attribution by influencer': [{ groupBy: ['influencer'] }, [
    { key: { influencer: 'ada' }, orders: 1, units: 2, revenue: eur(3_500), attributedRevenue: eur(3_500), attributedOrders: 1, touches: 2, convertedTouches: 1, conversionRate: 0.5, assistedConversions: 0 },
    { key: { influencer: 'bob' }, orders: 1, units: 4, revenue: eur(1_000), attributedRevenue: eur(1_000), attributedOrders: 1, touches: 2, convertedTouches: 1, conversionRate: 0.5, assistedConversions: 1 },
    { key: { influencer: null }, orders: 2, units: 3, revenue: eur(6_200), attributedRevenue: eur(0), attributedOrders: 0, touches: 0, convertedTouches: 0, conversionRate: 0, assistedConversions: 0 },
  ]],
  earnings: [{}, [{ key: {}, earnings: 3, accrued: eur(630), pending: eur(0), held: eur(100), payable: eur(0), paid: eur(350), clawedBack: eur(180), holdRate: 0.15873, clawbackRate: 0.285714 }]],
  'earnings by tier': [{ groupBy: ['tier'] }, [
    { key: { tier: 'gold' }, earnings: 2, accrued: eur(530), pending: eur(0), held: eur(0), payable: eur(0), paid: eur(350), clawedBack: eur(180), holdRate: 0, clawbackRate: 0.339623 },
    { key: { tier: 'silver' }, earnings: 1, accrued: eur(100), pending: eur(0), held: eur(100), payable: eur(0), paid: eur(0), clawedBack: eur(0), holdRate: 1, clawbackRate: 0 },
  ]],
  roi: [{}, [{ key: {}, revenue: eur(4_500), earningsCost: eur(450), campaignCost: eur(2_500), cost: eur(2_950), roi: 0.525424 }]],
  'roi by channel': [{ groupBy: ['channel'] }, [
    { key: { channel: 'ecommerce' }, revenue: eur(3_500), earningsCost: eur(350), campaignCost: eur(2_000), cost: eur(2_350), roi: 0.489362 },
    { key: { channel: 'pos' }, revenue: eur(1_000), earningsCost: eur(100), campaignCost: eur(0), cost: eur(100), roi: 9 },
    { key: { channel: null }, revenue: eur(0), earningsCost: eur(0), campaignCost: eur(500), cost: eur(500), roi: -1 },
  ]],
  codes: [{}, [{ key: {}, applied: 5, valid: 3, used: 2, utilization: 0.666667 }]],
  'codes by influencer and day': [{ groupBy: ['influencer', 'day'] }, [
    { key: { influencer: 'ada', day: '2026-03-05' }, applied: 1, valid: 1, used: 1, utilization: 1 },
    { key: { influencer: 'ada', day: '2026-03-20' }, applied: 1, valid: 0, used: 0, utilization: 0 },
    { key: { influencer: 'bob', day: '2026-03-10' }, applied: 1, valid: 1, used: 1, utilization: 1 },
    { key: { influencer: 'bob', day: '2026-03-12' }, applied: 1, valid: 1, used: 0, utilization: 0 },
    { key: { influencer: null, day: '2026-03-12' }, applied: 1, valid: 0, used: 0, utilization: 0 },
  ]],
  fraud: [{}, [{ key: {}, raised: 3, open: 1, released: 1, reversed: 1, reversalRate: 0.5 }]],
  'fraud by rule': [{ groupBy: ['rule'] }, [
    { key: { rule: 'duplicate_claim' }, raised: 1, open: 0, released: 1, reversed: 0, reversalRate: 0 },
    { key: { rule: 'self_referral' }, raised: 1, open: 1, released: 0, reversed: 0, reversalRate: 0 },
    { key: { rule: 'velocity' }, raised: 1, open: 0, released: 0, reversed: 1, reversalRate: 1 },
  ]],
  rewards: [{}, [{ key: {}, claimsCreated: 3, claimsApproved: 1, exceptions: 1, disputed: 1, duplicateClaims: 1, paidClaims: 1, medianPayoutHours: 480, rewardCost: eur(450), referredRevenue: eur(5_500) }]],
};

const pathOf = (name: string) => name.split(' ')[0]!;

beforeAll(async () => {
  t = await startTestApp({ runProjections: false });
  handle = createDb<any>(t.dbUrl, 2);
  // $all shows an append once no older transaction of the cluster is open (other test files): wait, bounded.
  await untilVisible(t.eventStore, await appendKpiMonth(t.eventStore));
  await project();
});
afterAll(async () => {
  await handle.close();
  await t.close();
});

describe('the fixture month', () => {
  it.each(Object.keys(EXPECTED))('%s', async (name) => {
    const [extra, rows] = EXPECTED[name]!;
    expect(await kpi(pathOf(name), { ...MARCH, ...extra })).toEqual({ ...MARCH, rows });
  });
});

it('replaying every event again, in other batches, changes no figure; a rebuild gives the same rows', async () => {
  const before = await Promise.all(Object.keys(EXPECTED).map((name) => kpi(pathOf(name), { ...MARCH, ...EXPECTED[name]![0] })));
  await project(2);
  const replayed = await Promise.all(Object.keys(EXPECTED).map((name) => kpi(pathOf(name), { ...MARCH, ...EXPECTED[name]![0] })));
  expect(replayed).toEqual(before);
  const report = await rebuildProjection({ db: handle.db, pool: handle.pool, eventStore: t.eventStore, logger: silent }, kpiFactsProjection);
  expect(report.eventsApplied).toBeGreaterThan(30);
  const rebuilt = await Promise.all(Object.keys(EXPECTED).map((name) => kpi(pathOf(name), { ...MARCH, ...EXPECTED[name]![0] })));
  expect(rebuilt).toEqual(before);
});

it('another org sees one row of zeros; a range outside the month too', async () => {
  expect((await kpi('earnings', MARCH, { org: 'someone-else' })).rows).toEqual([
    { key: {}, earnings: 0, accrued: eur(0), pending: eur(0), held: eur(0), payable: eur(0), paid: eur(0), clawedBack: eur(0), holdRate: 0, clawbackRate: 0 },
  ]);
  expect((await kpi('rewards', { ...MARCH, from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' })).rows[0]).toMatchObject({ claimsCreated: 0, medianPayoutHours: null });
});

it('answers 409 KPI.TOO_MANY_GROUPS past LIMITS.kpis.groupsMax groups', async () => {
  const org = 'kpi-many';
  const touches = Array.from({ length: LIMITS.kpis.groupsMax + 1 }, (_, i) => ({
    id: randomUUID(), type: 'TouchRecorded',
    data: { touchId: `t${i}`, code: 'C', codeKind: 'coupon', touchKind: 'click', campaignId: 'c', influencerId: `inf-${i}`, channel: 'ecommerce', customerRef: 'x', occurredAt: '2026-03-02T00:00:00Z' },
    metadata: { org, actorId: 'fixture', correlationId: 'many', schemaVersion: 1, occurredAt: '2026-03-02T00:00:00Z' },
  }));
  await t.eventStore.append(`customer-${org}.x`, touches, { expectedRevision: 'no_stream' });
  const recorded = await t.eventStore.readStream(`customer-${org}.x`, { maxCount: touches.length });
  await t.db.transaction().execute((trx) => kpiFactsProjection.apply(trx, recorded));
  const conflict = await kpi('attribution', { ...MARCH, groupBy: ['influencer'] }, { org }, 409);
  expect(conflict.code).toBe('KPI.TOO_MANY_GROUPS');
  expect((await kpi('attribution', MARCH, { org })).rows[0]).toMatchObject({ touches: LIMITS.kpis.groupsMax + 1 });
});

it('refuses bad input naming each field (400), the integration role (403)', async () => {
  const bad = await kpi('attribution', { from: 'yesterday', to: MARCH.to, currency: 'EURO', groupBy: ['planet'], extra: 1 }, {}, 400);
  expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['currency', 'extra', 'from', 'groupBy'].sort());
  const backwards = await kpi('roi', { ...MARCH, from: MARCH.to, to: MARCH.from }, {}, 400);
  expect(backwards.errors).toEqual([{ field: 'to', problem: 'must be after from' }]);
  const tooLong = await kpi('codes', { ...MARCH, from: '2024-01-01T00:00:00Z' }, {}, 400);
  expect(tooLong.errors[0].field).toBe('to');
  await kpi('fraud', { ...MARCH, groupBy: ['rule', 'rule'] }, {}, 400);
  await kpi('earnings', MARCH, { roles: ['inf_integration'] }, 403);
});
