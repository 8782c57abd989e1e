// Proves eligibility in business time end to end over HTTP on real PostgreSQL with the REAL clock (no injected clock):
// a campaign activated now earns on an order dated inside its earlier startsAt (then payable after release-due), a
// code just issued is valid at checkout at once, and a pause stops earning from its own time on, not before it.
import { startTestApp, type TestApp } from '../support/app';
import { LAST_TOUCH_TEN_PERCENT, LedgerApi, MANAGER, moneyMinor, type CampaignInput } from '../support/ledger-api';
import { DAY_MS, sameInstant, streamEvents } from '../support/ledger-world';
import { settleOrg } from '../support/settle';

const EUR = 'EUR';
const ago = (days: number, fromMs = Date.now()): string => new Date(fromMs - days * DAY_MS).toISOString();

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(); // the system clock: every management command happens at the real now
}, 120_000);
afterAll(() => t?.close());

interface Issued {
  id: string;
  code: string;
  position: string | null;
}

async function profile(api: LedgerApi, name: string): Promise<string> {
  return (await api.createProfile({ name, email: `${name}@${api.org}.example` })).id;
}

function issueCode(api: LedgerApi, input: { campaignId: string; influencerId: string; code: string; validFrom?: string }): Promise<Issued> {
  return api.command<Issued>('code/create', { kind: 'coupon', ...input }, { roles: MANAGER });
}

const orderWith = (orderId: string, occurredAt: string, code: string) => ({
  type: 'OrderPlaced' as const,
  sourceRef: `scm-${orderId}`,
  orderId,
  channel: 'ecommerce' as const,
  customerRef: `cust-${orderId}`,
  occurredAt,
  currency: EUR,
  lines: [{ lineId: 'l1', sku: 'SKU-1', quantity: 1, unitPrice: 10_000 }],
  codes: [code],
});

/** The process manager's decision on the order stream: "no earning" because it was decided so, not because nothing ran yet. */
async function decisionOf(org: string, orderId: string): Promise<Record<string, unknown>> {
  const decided = (await streamEvents(t, 'order', org, orderId)).filter((e) => e.type === 'AttributionDecided');
  expect(decided).toHaveLength(1);
  return decided[0]!.data;
}

describe('a backfilled campaign: startsAt 120 days back, activated now', () => {
  it('earns on an order dated 40 days ago carrying a code valid from startsAt; the earning is payable after earning/release-due', async () => {
    const org = 'elig-backfill';
    const api = new LedgerApi(t, org, 'manager-mia');
    const startsAt = ago(120);
    const rules: CampaignInput = { ...LAST_TOUCH_TEN_PERCENT, name: 'Backfill', holdDays: 30, startsAt };
    const campaign = await api.createActiveCampaign(rules);
    const influencerId = await profile(api, 'ada');
    const backfilled = await issueCode(api, { campaignId: campaign.id, influencerId, code: 'BACK10', validFrom: startsAt });
    // Without validFrom a code is valid from its issuance (now): an order dated before it does not earn.
    const fresh = await issueCode(api, { campaignId: campaign.id, influencerId, code: 'FRESH10' });

    const orderedAt = ago(40);
    await api.record(orderWith('bf-1', orderedAt, backfilled.code));
    const last = await api.record(orderWith('bf-fresh', orderedAt, fresh.code));
    await settleOrg(t, org);

    const [earning, ...others] = await api.earnings({ orderId: 'bf-1' }, last);
    expect(others).toEqual([]);
    expect(earning).toMatchObject({ influencerId, campaignId: campaign.id, level: 1, amount: { amount: 1_000, currency: EUR } });
    expect(sameInstant(earning!.holdUntil, new Date(Date.parse(orderedAt) + 30 * DAY_MS).toISOString())).toBe(true);
    expect(await decisionOf(org, 'bf-fresh')).toMatchObject({ attributed: false, earnings: [] });

    // holdUntil (10 days ago) is due now: release-due makes it payable (whether or not the scheduler got there first).
    const released = await api.releaseDue(new Date().toISOString());
    const [payable] = await api.earnings({ orderId: 'bf-1' }, released.position);
    expect(payable).toMatchObject({ earningId: earning!.earningId, state: 'payable' });
    expect(moneyMinor(payable!.clawedBack)).toBe(0);
    expect((await api.balance(influencerId, EUR, released.position)).payable).toBe(1_000);
  });
});

describe('a code just issued is valid at checkout at once', () => {
  it('code/create then code/apply without waiting or X-Consistency-Position: valid, every time (also for a campaign and a profile just created)', async () => {
    const api = new LedgerApi(t, 'elig-fresh-codes', 'manager-mia');
    const campaign = await api.createActiveCampaign({ ...LAST_TOUCH_TEN_PERCENT, name: 'Fresh codes' });
    for (let i = 0; i < 12; i++) {
      // Every third round a new profile and a new campaign, activated just now, so all three kinds of program write are tested.
      const campaignId = i % 3 === 2 ? (await api.createActiveCampaign({ ...LAST_TOUCH_TEN_PERCENT, name: `Fresh ${i}` })).id : campaign.id;
      const influencerId = await profile(api, `inf${i}`);
      const issued = await issueCode(api, { campaignId, influencerId, code: `FRESH${i}` });
      const applied = await api.applyCode({ code: issued.code, channel: 'ecommerce', customerRef: `cust-${i}`, subtotal: { amount: 5_000, currency: EUR } });
      expect({ round: i, ...applied }).toMatchObject({ round: i, valid: true, campaignId, influencerId });
    }
  });
});

describe('a campaign paused now', () => {
  it('does not earn on an order dated after the pause, still earns on one dated before it', async () => {
    const org = 'elig-paused';
    const api = new LedgerApi(t, org, 'manager-mia');
    const startsAt = ago(30);
    const campaign = await api.createActiveCampaign({ ...LAST_TOUCH_TEN_PERCENT, name: 'Paused', startsAt });
    const influencerId = await profile(api, 'ben');
    const code = (await issueCode(api, { campaignId: campaign.id, influencerId, code: 'PAUSE10', validFrom: startsAt })).code;

    await api.command('campaign/pause', { campaignId: campaign.id, reasonCode: 'budget' }, { roles: MANAGER });
    const afterPause = new Date().toISOString(); // the pause's business time is at or before this instant (same clock)
    expect(await api.applyCode({ code, channel: 'ecommerce', customerRef: 'cust-now', subtotal: { amount: 5_000, currency: EUR } })).toMatchObject({
      valid: false,
      reason: 'campaign_inactive',
    });

    await api.record(orderWith('p-before', ago(1), code));
    const last = await api.record(orderWith('p-after', afterPause, code));
    await settleOrg(t, org);

    expect(await api.earnings({ orderId: 'p-before' }, last)).toEqual([expect.objectContaining({ influencerId, campaignId: campaign.id, level: 1 })]);
    expect(await api.earnings({ orderId: 'p-after' }, last)).toEqual([]);
    expect(await decisionOf(org, 'p-after')).toMatchObject({ attributed: false, earnings: [] });
  });
});
