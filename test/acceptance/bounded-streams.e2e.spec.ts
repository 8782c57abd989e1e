// Proves ADR 0009 (bounded streams) end to end on real PostgreSQL: with 200k earnings on one influencer and 200k conversions on one campaign seeded straight into the store, the process manager keeps attributing new orders for that org and another (month-to-date read from the tally's last event), and hold / release / suspend on that influencer and campaign/pause on that campaign answer as on a fresh one.
import { FixedClock, LIMITS } from '@ledger/kernel';
import { loadedEarningId, monthTallyStream, seedLoadedLedger } from '@ledger/ledger';
import { startTestApp, type TestApp } from '../support/app';
import { FINANCE, LAST_TOUCH_TEN_PERCENT, LedgerApi, MANAGER, type CampaignInput, type ScmFact } from '../support/ledger-api';
import { at, HOUR_MS, streamEvents } from '../support/ledger-world';
import { settle, waitForCatalog } from '../support/settle';

// BOUNDED_LOAD shortens a local run; the acceptance figure is 200k.
const LOAD = Number(process.env.BOUNDED_LOAD ?? 200_000);
const T0 = '2026-03-25T09:00:00.000Z';
const MONTH_START = '2026-03-01T00:00:00.000Z';
const EUR = 'EUR';
const clock = new FixedClock(new Date(T0));
// Past the load, the next order of the month earns the second tier: only a month-to-date read from
// the tally (the load's running totals) gives 20 %.
const TIERED: CampaignInput = { ...LAST_TOUCH_TEN_PERCENT, name: 'Busy tiered', earnings: { type: 'tiered', basis: 'orders', tiers: [{ from: 0, rateBps: 1_000 }, { from: LOAD + 1, rateBps: 2_000 }] } };

let t: TestApp;
let busy: { api: LedgerApi; campaignId: string; influencerId: string };
let quiet: { api: LedgerApi; campaignId: string; influencerId: string };

async function program(org: string, rules: CampaignInput) {
  const api = new LedgerApi(t, org, 'manager-mia');
  const campaign = await api.createActiveCampaign(rules);
  const influencer = await api.createProfile({ name: 'Ada Influencer', email: `ada@${org}.example` });
  const issued = await api.createCode({ campaignId: campaign.id, influencerId: influencer.id, code: 'ADA10', kind: 'coupon' });
  await waitForCatalog(t, issued.position);
  return { api, campaignId: campaign.id, influencerId: influencer.id };
}

const order = (orderId: string, occurredAt: string): ScmFact => ({
  type: 'OrderPlaced',
  sourceRef: `scm-${orderId}`,
  orderId,
  channel: 'ecommerce',
  customerRef: `cust-${orderId}`,
  occurredAt,
  currency: EUR,
  lines: [{ lineId: 'a', sku: 'SKU-A', quantity: 2, unitPrice: 5_000 }], // base 10 000
  codes: ['ADA10'],
});

beforeAll(async () => {
  t = await startTestApp({ clock });
  busy = await program('bounded-busy', TIERED);
  quiet = await program('bounded-quiet', LAST_TOUCH_TEN_PERCENT);
  // Holds of 60 days: nothing of the load is due at T0, so the release-due scheduler stays idle.
  await seedLoadedLedger(t.eventStore, { org: 'bounded-busy', influencerId: busy.influencerId, campaignId: busy.campaignId, earnings: LOAD, monthStart: MONTH_START, holdDays: 60 });
  await settle(t, { timeoutMs: 1_500_000 });
}, 1_800_000);
afterAll(() => t?.close());

describe(`${LOAD} earnings on one influencer, ${LOAD} conversions on one campaign`, () => {
  it('the streams that used to grow stay small; the month tally is long and only its last event is ever read', async () => {
    expect((await streamEvents(t, 'influencer', 'bounded-busy', busy.influencerId)).map((e) => e.type)).toEqual(['InfluencerRegistered']);
    expect((await streamEvents(t, 'campaign', 'bounded-busy', busy.campaignId)).map((e) => e.type)).toEqual(['CampaignCreated', 'CampaignActivated']);
    const tally = monthTallyStream('bounded-busy', { influencerId: busy.influencerId, campaignId: busy.campaignId, currency: EUR, month: '2026-03' });
    expect(await t.eventStore.streamRevision(tally)).toBe(BigInt(LOAD - 1));
    if (LOAD > LIMITS.eventStore.streamReadMaxEvents) await expect(t.eventStore.readStream(tally)).rejects.toThrow(); // whole, it is unreadable
    const [last] = await t.eventStore.readStream(tally, { direction: 'backwards', maxCount: 1 });
    expect(last!.data).toMatchObject({ after: { orders: LOAD, earnedMinor: LOAD * 100 } });
  });

  it('the process manager attributes new orders of that influencer (its month-to-date from the tally) and of another org', async () => {
    const placed = await busy.api.record(order('busy-1', at(T0, 2 * HOUR_MS)));
    const other = await quiet.api.record(order('quiet-1', at(T0, 2 * HOUR_MS)));
    await settle(t);
    const [earning, ...more] = await busy.api.earnings({ orderId: 'busy-1' }, placed);
    expect(more).toEqual([]);
    expect(earning).toMatchObject({ influencerId: busy.influencerId, campaignId: busy.campaignId, state: 'held', amount: { amount: 2_000, currency: EUR } });
    expect(await quiet.api.earnings({ orderId: 'quiet-1' }, other)).toEqual([expect.objectContaining({ influencerId: quiet.influencerId, state: 'held', amount: { amount: 1_000, currency: EUR } })]);
    expect((await streamEvents(t, 'conversion', 'bounded-busy', 'busy-1')).map((e) => e.data.campaignId)).toEqual([busy.campaignId]);
  });

  it('hold and release by earning id answer at once, on a seeded earning and on the new one', async () => {
    const [fresh] = await busy.api.earnings({ orderId: 'busy-1' });
    const ids = [loadedEarningId({ org: 'bounded-busy', influencerId: busy.influencerId }, 0), fresh!.earningId];
    const held = await busy.api.command('earning/hold', { earningIds: ids, reasonCode: 'kyc_pending' }, { roles: FINANCE, actorRole: 'inf_finance' });
    expect(held).toMatchObject({ changed: 2, remaining: 0 });
    expect(held.earnings.map((e: { state: string; influencerId: string }) => [e.state, e.influencerId])).toEqual([['held', busy.influencerId], ['held', busy.influencerId]]);
    const released = await busy.api.command('earning/release', { earningIds: ids, reasonCode: 'kyc_ok' }, { roles: FINANCE, actorRole: 'inf_finance' });
    expect(released).toMatchObject({ changed: 2 });
    expect(released.earnings.map((e: { state: string }) => e.state)).toEqual(['payable', 'payable']);
  });

  it('an influencer-wide hold takes a bounded page and counts what is left up to a bound', async () => {
    const held = await busy.api.command('earning/hold', { influencerId: busy.influencerId, kind: 'fraud', reasonCode: 'velocity' }, { roles: ['inf_fraud_reviewer'], actorRole: 'inf_fraud_reviewer' });
    expect(held.earnings).toHaveLength(LIMITS.ledger.holdEarningsPerCommand);
    expect(held.changed).toBe(LIMITS.ledger.holdEarningsPerCommand);
    expect(held.remaining).toBe(Math.min(LIMITS.ledger.remainingCountMax, LOAD + 1 - LIMITS.ledger.holdEarningsPerCommand));
    expect(new Set(held.earnings.map((e: { state: string }) => e.state))).toEqual(new Set(['held']));
  });

  it('suspend and reactivate that influencer, pause and activate that campaign', async () => {
    await expect(busy.api.command('profile/suspend', { influencerId: busy.influencerId, reasonCode: 'kyc_pending' }, { roles: MANAGER })).resolves.toMatchObject({ status: 'suspended' });
    await expect(busy.api.command('profile/reactivate', { influencerId: busy.influencerId }, { roles: MANAGER })).resolves.toMatchObject({ status: 'active' });
    await expect(busy.api.command('campaign/pause', { campaignId: busy.campaignId }, { roles: MANAGER })).resolves.toMatchObject({ status: 'paused' });
    await expect(busy.api.command('campaign/activate', { campaignId: busy.campaignId }, { roles: MANAGER })).resolves.toMatchObject({ status: 'active' });
  });
});
