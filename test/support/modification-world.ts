// A small world for modification and dispute e2e specs: a campaign (10 %, referral level 2 at 10 %, held 14 days,
// locked after 60), a parent and a child influencer with a coupon, and orders whose earnings are read back settled.
import { PROGRAM_CATALOG, type ProgramCatalog } from '@ledger/attribution';
import { parsePosition } from '@ledger/event-store';
import type { FixedClock } from '@ledger/kernel';
import type { TestApp } from './app';
import { LAST_TOUCH_TEN_PERCENT, LedgerApi, type EarningItem, type ScmFact } from './ledger-api';
import { at, HOUR_MS } from './ledger-world';
import { settle } from './settle';

export const T0 = '2026-03-02T09:00:00.000Z';
export const ORDERED = at(T0, 2 * HOUR_MS);
export const LOCK_DAYS = 60;
export const EUR = 'EUR';
export const LINE = [{ lineId: 'l1', sku: 'SKU-A', quantity: 2, unitPrice: 5_000 }]; // base 10 000 → 1 000

export interface ModificationWorld {
  api: LedgerApi;
  campaignId: string;
  parentId: string;
  influencerId: string;
  otherId: string;
  /** Records an order of the child (customer `cust-touch`) and answers its earnings by level, once settled. */
  order(orderId: string): Promise<{ level1: EarningItem; level2: EarningItem | undefined; position: string | null }>;
}

export async function modificationWorld(t: TestApp, clock: FixedClock, org: string): Promise<ModificationWorld> {
  clock.set(new Date(T0));
  const api = new LedgerApi(t, org, 'manager-mia');
  const campaign = await api.createActiveCampaign({ ...LAST_TOUCH_TEN_PERCENT, lockDays: LOCK_DAYS, referralLevels: [{ level: 2, rateBps: 1_000 }] });
  const parent = await api.createProfile({ name: 'Pat', email: `pat@${org}.example` });
  const influencer = await api.createProfile({ name: 'Ada', email: `ada@${org}.example`, parentId: parent.id });
  const other = await api.createProfile({ name: 'Bo', email: `bo@${org}.example` });
  const code = await api.createCode({ campaignId: campaign.id, influencerId: influencer.id, code: 'ADA10', kind: 'coupon' });
  if (!(await t.app.get<ProgramCatalog>(PROGRAM_CATALOG).waitFor(parsePosition(code.position!)!, 60_000))) throw new Error('the catalog did not take in the code');
  clock.set(new Date(at(T0, HOUR_MS)));
  const applied = await api.applyCode({ code: 'ADA10', channel: 'ecommerce', customerRef: 'cust-touch', subtotal: { amount: 10_000, currency: EUR }, occurredAt: at(T0, HOUR_MS) }, code.position);
  if (!applied.valid) throw new Error(`code/apply refused: ${JSON.stringify(applied)}`);
  clock.set(new Date(ORDERED));
  return {
    api,
    campaignId: campaign.id,
    parentId: parent.id,
    influencerId: influencer.id,
    otherId: other.id,
    async order(orderId) {
      const fact: ScmFact = { type: 'OrderPlaced', sourceRef: `scm-${orderId}`, orderId, channel: 'ecommerce', customerRef: 'cust-touch', occurredAt: ORDERED, currency: EUR, lines: LINE };
      const position = await api.record(fact);
      await settle(t);
      const items = await api.earnings({ orderId }, position);
      const level1 = items.find((i) => i.level === 1);
      if (!level1) throw new Error(`order ${orderId} earned nothing: ${JSON.stringify(items)}`);
      return { level1, level2: items.find((i) => i.level === 2), position };
    },
  };
}
