// Proves SPEC scenario 4 both ways over HTTP on real PostgreSQL (startTestApp, FixedClock): a self-referral raises a flag, the influencer's earnings are held (kind fraud, kept past holdUntil), and a reviewer releases (→ payable) or reverses (→ clawed back, referencing the flag), each step with actor, role and reason code; also duplicate claims, channel misuse, the org's rule settings, 403/400/404/409, and the reward queue's filters.
import { FixedClock } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';
import { factBody, LAST_TOUCH_TEN_PERCENT, LedgerApi, type ScmFact } from '../support/ledger-api';
import { at, DAY_MS, HOUR_MS, transitionsOf } from '../support/ledger-world';
import { settle, waitForCatalog } from '../support/settle';

const T0 = '2026-03-02T09:00:00.000Z';
const EUR = 'EUR';
const clock = new FixedClock(new Date(T0));
const REVIEWER = ['inf_fraud_reviewer'] as const;
const AUDITOR = ['inf_auditor'] as const;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
}, 120_000);
afterAll(() => t?.close());
beforeEach(() => clock.set(new Date(T0)));

interface Program {
  api: LedgerApi;
  campaignId: string;
  ada: string;
}

/** An active last-touch campaign (10 %, 14-day hold) and Ada, whose own customer ref is `ada-home`. */
async function program(org: string): Promise<Program> {
  const api = new LedgerApi(t, org, 'manager-mia');
  const campaign = await api.createActiveCampaign({ ...LAST_TOUCH_TEN_PERCENT, channels: ['ecommerce', 'pos'] });
  const ada = await api.createProfile({ name: 'Ada', email: `ada@${org}.example`, customerRefs: ['ada-home'] });
  const code = await api.createCode({ campaignId: campaign.id, influencerId: ada.id, code: 'ADA10', kind: 'coupon' });
  await waitForCatalog(t, code.position);
  return { api, campaignId: campaign.id, ada: ada.id };
}

const ORDERED_AT = at(T0, HOUR_MS);
const order = (orderId: string, customerRef: string, codes: string[], channel: 'ecommerce' | 'pos' = 'ecommerce'): ScmFact => ({
  type: 'OrderPlaced',
  sourceRef: `scm-${orderId}`,
  orderId,
  channel,
  customerRef,
  occurredAt: ORDERED_AT,
  currency: EUR,
  lines: [{ lineId: 'l1', sku: 'SKU-1', quantity: 1, unitPrice: 10_000 }],
  codes,
});

async function flagsOf(api: LedgerApi, filter: Record<string, unknown> = {}) {
  return (await api.query<{ items: Array<Record<string, any>>; nextCursor: string | null }>('fraud/flag/list', filter)).items;
}

/** Scenario 4's start: a clean order, then Ada's own order with her code; one flag, both earnings on fraud hold. */
async function selfReferral(org: string) {
  const p = await program(org);
  await p.api.record(order(`${org}-clean`, 'cust-friend', ['ADA10']));
  await p.api.record(order(`${org}-self`, 'ada-home', ['ADA10']));
  await settle(t);
  const earnings = await p.api.earnings({ influencerId: p.ada });
  const self = earnings.find((e) => e.orderId === `${org}-self`)!;
  const clean = earnings.find((e) => e.orderId === `${org}-clean`)!;
  const flags = await flagsOf(p.api, { state: 'open' });
  expect(flags).toHaveLength(1);
  const flag = flags[0]!;
  expect(flag).toMatchObject({ rule: 'self_referral', influencerId: p.ada, orderId: `${org}-self`, state: 'open', review: null, raisedBy: 'system:fraud' });
  expect(flag.evidence).toMatchObject({ customerRef: 'ada-home', matchedIdentity: 'customerRef', code: 'ADA10' });
  expect([...flag.earningIds].sort()).toEqual([self.earningId, clean.earningId].sort());
  for (const e of [self, clean]) {
    const earning = await p.api.earning(e.earningId);
    expect(earning).toMatchObject({ state: 'held', hold: { kind: 'fraud', reasonCode: 'fraud_self_referral' } });
    // The order's fraud check is part of the earning's evidence.
    expect(earning.evidence.fraudCheck).toMatchObject(e === self ? { status: 'checked', result: 'flagged', flagIds: [flag.flagId] } : { status: 'checked', result: 'clear', flagIds: [] });
    const hold = transitionsOf(earning).at(-1)!;
    expect(hold).toMatchObject({ type: 'HoldPlaced', holdKind: 'fraud', actorId: 'system:fraud', role: 'system', reasonCode: 'fraud_self_referral' });
  }
  // The check is on record: the self-referral order flagged, the friend's order clear.
  const checks = await p.api.query('audit/stream', { stream: `fraudcheck-${org}.${org}-self` }, null, AUDITOR);
  expect(checks.events[0]).toMatchObject({ type: 'FraudCheckCompleted', data: { result: 'flagged', flagIds: [flag.flagId], rulesRun: ['self_referral', 'duplicate_claim', 'velocity', 'channel_misuse'] } });
  const clear = await p.api.query('audit/stream', { stream: `fraudcheck-${org}.${org}-clean` }, null, AUDITOR);
  expect(clear.events[0]).toMatchObject({ type: 'FraudCheckCompleted', data: { result: 'clear', flagIds: [] } });

  // Past holdUntil the scheduler's release leaves fraud holds alone.
  const due = await p.api.releaseDue(at(ORDERED_AT, 15 * DAY_MS));
  await settle(t);
  for (const e of [self, clean]) expect((await p.api.earning(e.earningId, due.position)).state).toBe('held');
  return { ...p, flag, self, clean };
}

describe('Scenario 4 — fraud flag and payout hold', () => {
  it('(a) a reviewer releases: the fraud holds end, the earnings are payable; actor, role and reason code on every step', async () => {
    const { api, flag, self, clean } = await selfReferral('fr-release');
    clock.set(new Date(at(T0, 20 * DAY_MS)));
    const reviewed = await api.command('fraud/flag/review', { flagId: flag.flagId, decision: 'release', reasonCode: 'customer_verified', note: 'the customer is her flatmate' }, { roles: REVIEWER, actorRole: 'inf_fraud_reviewer', sub: 'rita-reviewer' });
    expect(reviewed).toMatchObject({ flagId: flag.flagId, state: 'released' });
    await settle(t);

    for (const e of [self, clean]) {
      const earning = await api.earning(e.earningId);
      expect(earning.state).toBe('payable');
      expect(transitionsOf(earning).at(-1)).toMatchObject({
        type: 'HoldReleased',
        fromState: 'held',
        toState: 'payable',
        holdKind: 'fraud',
        actorId: 'rita-reviewer',
        role: 'inf_fraud_reviewer',
        reasonCode: 'customer_verified',
        note: 'the customer is her flatmate',
      });
    }
    const [after] = await flagsOf(api, { influencerId: self.influencerId });
    expect(after).toMatchObject({ state: 'released', review: { decision: 'release', reasonCode: 'customer_verified', reviewedBy: 'rita-reviewer', role: 'inf_fraud_reviewer' } });
    const audit = await api.query('audit/stream', { stream: `fraud-fr-release.${flag.flagId}` }, null, AUDITOR);
    expect(audit.events.map((e: any) => [e.type, e.metadata.actorId, e.metadata.role, e.metadata.reasonCode])).toEqual([
      ['FraudFlagRaised', 'system:fraud', 'system', 'fraud_self_referral'],
      ['FraudFlagReviewed', 'rita-reviewer', 'inf_fraud_reviewer', 'customer_verified'],
    ]);

    // A review is final.
    const again = await api.raw('fraud/flag/review', { flagId: flag.flagId, decision: 'reverse', reasonCode: 'changed_mind' }, { roles: REVIEWER, actorRole: 'inf_fraud_reviewer' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('FRAUD.FLAG_ALREADY_REVIEWED');
  });

  it('(b) a reviewer reverses: the flagged order\'s earning is clawed back referencing the flag, the other earning is released', async () => {
    const { api, flag, self, clean } = await selfReferral('fr-reverse');
    const reviewed = await api.command('fraud/flag/review', { flagId: flag.flagId, decision: 'reverse', reasonCode: 'self_referral_confirmed' }, { roles: REVIEWER, actorRole: 'inf_fraud_reviewer', sub: 'rita-reviewer' });
    expect(reviewed.state).toBe('reversed');
    await settle(t);

    const reversed = await api.earning(self.earningId);
    expect(reversed).toMatchObject({ state: 'clawed_back' });
    expect(transitionsOf(reversed).at(-1)).toMatchObject({
      type: 'EarningClawedBack',
      toState: 'clawed_back',
      amount: { amount: 1_000, currency: EUR },
      reference: { kind: 'fraud', id: flag.flagId },
      actorId: 'rita-reviewer',
      role: 'inf_fraud_reviewer',
      reasonCode: 'self_referral_confirmed',
    });
    const released = await api.earning(clean.earningId);
    expect(released.state).toBe('payable');
    expect(transitionsOf(released).at(-1)).toMatchObject({ type: 'HoldReleased', holdKind: 'fraud', actorId: 'rita-reviewer', role: 'inf_fraud_reviewer', reasonCode: 'self_referral_confirmed' });
    expect(await api.balance(self.influencerId, EUR)).toEqual({ pending: 0, held: 0, payable: 1_000, paid: 0, clawedBack: 1_000 });
  });

  it('only a fraud reviewer reviews (403), bad input names fields (400), another org\'s flag is unknown (404)', async () => {
    const { api, flag } = await selfReferral('fr-guard');
    const body = { flagId: flag.flagId, decision: 'release', reasonCode: 'ok' };
    for (const role of ['inf_finance', 'inf_owner'] as const) {
      const res = await api.raw('fraud/flag/review', body, { roles: [role], actorRole: role });
      expect(res.status).toBe(403);
    }
    const bad = await api.raw('fraud/flag/review', { flagId: 7, decision: 'forgive', extra: true }, { roles: REVIEWER, actorRole: 'inf_fraud_reviewer' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['decision', 'extra', 'flagId', 'reasonCode']);

    const other = new LedgerApi(t, 'fr-other', 'rita-reviewer');
    const foreign = await other.raw('fraud/flag/review', body, { roles: REVIEWER, actorRole: 'inf_fraud_reviewer' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('FRAUD.FLAG_NOT_FOUND');
    expect((await other.raw('fraud/flag/get', { flagId: flag.flagId }, { roles: ['inf_viewer'] })).status).toBe(404);
    expect(await flagsOf(other)).toEqual([]);
    // Still open and still held in its own org: nothing was half-applied.
    expect((await flagsOf(api, { state: 'open' })).map((f) => f.flagId)).toEqual([flag.flagId]);
  });
});

describe('the other rules', () => {
  it('duplicate claim: an order with codes of two influencers earns once (level 1, the winner) and flags the winner with both claimants', async () => {
    const { api, campaignId, ada } = await program('fr-dup');
    const bob = await api.createProfile({ name: 'Bob', email: 'bob@fr-dup.example' });
    const code = await api.createCode({ campaignId, influencerId: bob.id, code: 'BOB10', kind: 'coupon' });
    await waitForCatalog(t, code.position);
    await api.record(order('dup-1', 'cust-dup', ['ADA10', 'BOB10']));
    await settle(t);
    const earnings = await api.earnings({ orderId: 'dup-1' });
    expect(earnings.filter((e) => e.level === 1)).toHaveLength(1);
    const winner = earnings[0]!.influencerId;
    const [flag] = await flagsOf(api);
    expect(flag).toMatchObject({ rule: 'duplicate_claim', influencerId: winner, orderId: 'dup-1', earningIds: [earnings[0]!.earningId] });
    expect(flag!.evidence.claimants).toEqual(expect.arrayContaining([{ influencerId: ada, code: 'ADA10' }, { influencerId: bob.id, code: 'BOB10' }]));
    expect((await api.earning(earnings[0]!.earningId)).hold).toMatchObject({ kind: 'fraud', reasonCode: 'fraud_duplicate_claim' });
  });

  it('duplicate claim: the order delivered again under another sourceRef with other content is refused (409) and flags the winner, once', async () => {
    const { api, ada } = await program('fr-redeliver');
    await api.record(order('re-1', 'cust-re', ['ADA10']));
    const again = { ...(order('re-1', 'cust-someone-else', ['ADA10']) as Extract<ScmFact, { type: 'OrderPlaced' }>), sourceRef: 'scm-re-1-again' };
    for (let i = 0; i < 2; i++) {
      const refused = await api.raw('order/record', factBody(again), { roles: ['inf_admin'] });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('ORDER.CONFLICTING_FACT');
    }
    await settle(t);
    const flags = await flagsOf(api);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ rule: 'duplicate_claim', influencerId: ada, orderId: 're-1', evidence: { conflictingDeliveries: [{ sourceRef: 'scm-re-1-again', fields: ['customerRef'] }] } });
    const [earning] = await api.earnings({ orderId: 're-1' });
    expect((await api.earning(earning!.earningId)).hold).toMatchObject({ kind: 'fraud', reasonCode: 'fraud_duplicate_claim' });
  });

  it('channel misuse: a till-only code on an online order flags its owner; an org can switch the rule off (owner only)', async () => {
    const { api, campaignId, ada } = await program('fr-chan');
    const pos = await api.createCode({ campaignId, influencerId: ada, code: 'ADAPOS', kind: 'coupon', channels: ['pos'] });
    await waitForCatalog(t, pos.position);
    await api.record(order('chan-1', 'cust-chan', ['ADA10', 'ADAPOS']));
    await settle(t);
    const [flag] = await flagsOf(api);
    expect(flag).toMatchObject({ rule: 'channel_misuse', influencerId: ada, orderId: 'chan-1', evidence: { uses: [{ code: 'ADAPOS', via: 'order', usedIn: 'ecommerce', codeChannels: ['pos'] }] } });

    expect((await api.raw('fraud/rules/set', { enabled: { channel_misuse: false } }, { roles: ['inf_admin'], actorRole: 'inf_admin' })).status).toBe(403);
    const badRules = await api.raw('fraud/rules/set', { enabled: { channel_misuse: 'no' }, velocityPerHour: 0 }, { roles: ['inf_owner'], actorRole: 'inf_owner' });
    expect(badRules.status).toBe(400);
    expect(badRules.body.errors.map((e: any) => e.field).sort()).toEqual(['enabled.channel_misuse', 'velocityPerHour']);
    const set = await api.command('fraud/rules/set', { enabled: { channel_misuse: false }, velocityPerHour: 20, reasonCode: 'pos_pilot' }, { roles: ['inf_owner'], actorRole: 'inf_owner' });
    expect(set).toMatchObject({ enabled: { self_referral: true, duplicate_claim: true, velocity: true, channel_misuse: false }, velocityPerHour: 20 });
    expect(await api.query('fraud/rules/get', {})).toMatchObject({ enabled: { channel_misuse: false }, velocityPerHour: 20 });

    await api.record(order('chan-2', 'cust-chan-2', ['ADA10', 'ADAPOS']));
    await settle(t);
    expect((await flagsOf(api)).map((f) => f.orderId)).toEqual(['chan-1']);
    const check = await api.query('audit/stream', { stream: 'fraudcheck-fr-chan.chan-2' }, null, AUDITOR);
    expect(check.events[0].data).toMatchObject({ result: 'clear', rulesRun: ['self_referral', 'duplicate_claim', 'velocity'] });
  });
});

describe('reward queue (seed 004)', () => {
  it('lists one candidate per earning with referrer, customer, eligibility, conversion, amount and flags; filters by status and influencer', async () => {
    const { api, flag, self, clean } = await selfReferral('fr-queue');
    const all = await api.query<{ items: Array<Record<string, any>> }>('reward/queue', {});
    expect(all.items).toHaveLength(2);
    const flagged = await api.query<{ items: Array<Record<string, any>> }>('reward/queue', { status: 'flagged' });
    expect(flagged.items.map((i) => i.earningId).sort()).toEqual([self.earningId, clean.earningId].sort());
    const item = flagged.items.find((i) => i.earningId === self.earningId)!;
    expect(item).toMatchObject({
      status: 'flagged',
      referrer: { influencerId: self.influencerId, level: 1 },
      referredCustomer: { customerRef: 'ada-home' },
      eligibility: { campaignId: self.campaignId, rulesVersion: 1, basis: { model: 'last_touch', code: 'ADA10', touchKind: 'code', windowDays: 30 } },
      conversion: { orderId: 'fr-queue-self', channel: 'ecommerce', sourceRef: 'scm-fr-queue-self' },
      amount: { amount: 1_000, currency: EUR },
      earningState: 'held',
      flags: { fraudCheck: { result: 'flagged', flagIds: [flag.flagId] }, openFlagIds: [flag.flagId] },
      dispute: null,
      approval: { status: 'none' },
      payment: { status: 'unpaid' },
    });
    expect((await api.query<{ items: unknown[] }>('reward/queue', { status: 'needs_approval' })).items).toEqual([]);

    await api.command('fraud/flag/review', { flagId: flag.flagId, decision: 'reverse', reasonCode: 'confirmed' }, { roles: REVIEWER, actorRole: 'inf_fraud_reviewer' });
    await settle(t);
    const needs = await api.query<{ items: Array<Record<string, any>> }>('reward/queue', { status: 'needs_approval', influencerId: self.influencerId });
    expect(needs.items.map((i) => i.earningId)).toEqual([clean.earningId]);
    expect((await api.query<{ items: Array<Record<string, any>> }>('reward/queue', { status: 'clawed_back' })).items.map((i) => i.earningId)).toEqual([self.earningId]);
    expect((await api.query<{ items: unknown[] }>('reward/queue', { influencerId: 'someone-else' })).items).toEqual([]);
    const page = await api.query<{ items: unknown[]; nextCursor: string | null }>('reward/queue', { limit: 1 });
    expect(page.items).toHaveLength(1);
    const next = await api.query<{ items: Array<Record<string, any>>; nextCursor: string | null }>('reward/queue', { limit: 1, cursor: page.nextCursor });
    expect(next.items).toHaveLength(1);
    expect(next.nextCursor).toBeNull();

    const bad = await api.raw('reward/queue', { status: 'lost', limit: 0 }, { roles: ['inf_viewer'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['limit', 'status']);
    expect((await new LedgerApi(t, 'fr-queue-other').query<{ items: unknown[] }>('reward/queue', {})).items).toEqual([]);
  });
});
