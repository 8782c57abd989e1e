/**
 * Payout worlds for the payouts e2e specs: a campaign (10 %, minimum 10.00 EUR), influencers with a coupon each,
 * their payout destinations, and one order each through their code; calls as a given actor and role.
 */
import request from 'supertest';
import type { FixedClock } from '@ledger/kernel';
import type { TestApp } from './app';
import { LAST_TOUCH_TEN_PERCENT, LedgerApi, type ScmFact } from './ledger-api';
import { at, HOUR_MS } from './ledger-world';
import { settleOrg } from './settle';

export const PAYOUT_T0 = '2026-03-02T09:00:00.000Z';
export const ORDERED = at(PAYOUT_T0, 2 * HOUR_MS);
const EUR = 'EUR';

export interface CallOptions {
  roles?: string[];
  sub?: string;
  actingRole?: string;
  position?: string | null;
}

export interface Payee {
  influencerId: string;
  code: string;
}

export type Destination = { method: 'sandbox' | 'stripe_connect'; accountId: string } | null;

export class PayoutWorlds {
  constructor(
    private readonly t: TestApp,
    private readonly clock: FixedClock,
  ) {}

  async call(org: string, path: string, body: unknown, opts: CallOptions = {}) {
    const auth = await this.t.auth({ org, roles: opts.roles ?? ['inf_finance'], sub: opts.sub ?? 'fin-ann' });
    let req = request(this.t.server).post(`/influencer/${path}`).set(auth);
    if (opts.actingRole) req = req.set('X-Actor-Role', opts.actingRole);
    if (opts.position) req = req.set('X-Consistency-Position', opts.position);
    return req.send(body as object);
  }

  async ok(org: string, path: string, body: unknown, opts: CallOptions = {}) {
    const res = await this.call(org, path, body, opts);
    if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** One influencer per destination (null: none set), each with an order of 2 × unitPrice through its code. */
  async world(org: string, payees: Array<{ destination: Destination; unitPrice?: number }>) {
    this.clock.set(new Date(PAYOUT_T0));
    const api = new LedgerApi(this.t, org, 'manager-mia');
    const campaign = await api.createActiveCampaign(LAST_TOUCH_TEN_PERCENT);
    const out: Payee[] = [];
    for (const [i, payee] of payees.entries()) {
      const profile = await api.createProfile({ name: `P${i}`, email: `p${i}@${org}.example` });
      const code = `${org.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}P${i}`;
      await api.createCode({ campaignId: campaign.id, influencerId: profile.id, code, kind: 'coupon' });
      if (payee.destination !== null) await this.ok(org, 'profile/payout-method/set', { influencerId: profile.id, ...payee.destination });
      out.push({ influencerId: profile.id, code });
    }
    this.clock.set(new Date(ORDERED));
    for (const [i, payee] of payees.entries()) await this.order(api, `o-${i}`, out[i]!.code, payee.unitPrice ?? 5_000);
    await settleOrg(this.t, org);
    return { api, campaignId: campaign.id, payees: out };
  }

  order(api: LedgerApi, orderId: string, code: string, unitPrice: number) {
    const fact: ScmFact = {
      type: 'OrderPlaced', sourceRef: `scm-${orderId}`, orderId, channel: 'ecommerce', customerRef: `cust-${orderId}`, occurredAt: ORDERED, currency: EUR,
      lines: [{ lineId: 'l1', sku: 'SKU-A', quantity: 2, unitPrice }], codes: [code],
    };
    return api.record(fact);
  }

  /** Finance releases every held earning of the payees early (ReleaseHold), then the app settles. */
  async releaseAll(org: string, payees: Payee[]) {
    for (const payee of payees) {
      const res = await this.call(org, 'earning/release', { influencerId: payee.influencerId, reasonCode: 'early_payout' }, { actingRole: 'inf_finance' });
      if (res.status !== 200) throw new Error(`earning/release → ${res.status}: ${JSON.stringify(res.body)}`);
    }
    await settleOrg(this.t, org);
  }

  /** balance/get in EUR as amounts, once the app has settled (more robust than X-Consistency-Position's 5 s on a loaded host). */
  async balance(org: string, influencerId: string) {
    await settleOrg(this.t, org);
    const body = await this.ok(org, 'balance/get', { influencerId }, { roles: ['inf_viewer'] });
    const entry = body.balances.find((b: { currency: string }) => b.currency === EUR);
    return Object.fromEntries(['accrued', 'pending', 'held', 'payable', 'paid', 'clawedBack', 'recoverable'].map((k) => [k, entry[k].amount]));
  }
}
