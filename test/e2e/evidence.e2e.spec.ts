// Proves reward evidence over HTTP (issue 10 item 5, seed 004) on a fresh database with a FixedClock: an attributed order's earning shows its conversion, attribution, rules, calculation and the fraud process manager's check, no approval or payment yet; audit/evidence-coverage counts a paid earning (EarningFinalized/EarningPaid appended to the test store) as incomplete naming the missing parts, then complete once the batch approval and posted item exist; 400 naming fields, 403 for other roles, other orgs see nothing. (not_checked is proven by the projection's int spec.)
import { PROGRAM_CATALOG, type ProgramCatalog } from '@ledger/attribution';
import { formatPosition, parsePosition, type Position } from '@ledger/event-store';
import { FixedClock } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';
import { LAST_TOUCH_TEN_PERCENT, LedgerApi } from '../support/ledger-api';
import { at, HOUR_MS } from '../support/ledger-world';
import { settle } from '../support/settle';

const T0 = '2026-03-02T09:00:00.000Z';
const ORDERED = at(T0, 2 * HOUR_MS);
const PAID_AT = '2026-04-01T10:00:00.000Z';
const EUR = 'EUR';
const clock = new FixedClock(new Date(T0));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
}, 120_000);
afterAll(() => t?.close());

const ORG = 'ev-1';
let api: LedgerApi;
let earningId: string;
let campaignId: string;
let influencerId: string;

/** Appends events as another context (or the payout run) would, and waits for the projections to pass them. */
async function appendAs(stream: string, events: Array<{ type: string; data: Record<string, unknown> }>): Promise<string> {
  const result = await t.eventStore.append(
    stream,
    events.map((e, i) => ({ id: crypto.randomUUID(), type: e.type, data: e.data, metadata: { org: ORG, actorId: `test:${i}`, role: 'inf_finance', correlationId: 'c', schemaVersion: 1, occurredAt: PAID_AT } })),
    { expectedRevision: 'any' },
  );
  const position = formatPosition(result.position as Position);
  await t.waitForProjections(position);
  return position;
}

const coverage = (body: unknown, roles: readonly string[] = ['inf_auditor'], org = api) => org.raw('audit/evidence-coverage', body, { roles: roles as never });

beforeAll(async () => {
  api = new LedgerApi(t, ORG, 'manager-mia');
  const campaign = await api.createActiveCampaign(LAST_TOUCH_TEN_PERCENT);
  const influencer = await api.createProfile({ name: 'Ada', email: 'ada@ev.example' });
  const code = await api.createCode({ campaignId: campaign.id, influencerId: influencer.id, code: 'ADA10', kind: 'coupon' });
  expect(await t.app.get<ProgramCatalog>(PROGRAM_CATALOG).waitFor(parsePosition(code.position!)!, 5_000)).toBe(true);
  clock.set(new Date(at(T0, HOUR_MS)));
  const applied = await api.applyCode({ code: 'ADA10', channel: 'ecommerce', customerRef: 'cust-ev', subtotal: { amount: 10_000, currency: EUR }, occurredAt: at(T0, HOUR_MS) }, code.position);
  if (!applied.valid) throw new Error(`code/apply refused: ${JSON.stringify(applied)}`);
  clock.set(new Date(ORDERED));
  const position = await api.record({
    type: 'OrderPlaced', sourceRef: 'scm-ev-1', orderId: 'ev-o-1', channel: 'ecommerce', customerRef: 'cust-ev', occurredAt: ORDERED, currency: EUR,
    lines: [{ lineId: 'l1', sku: 'SKU-A', quantity: 2, unitPrice: 5_000 }],
  });
  await settle(t);
  const items = await api.earnings({ orderId: 'ev-o-1' }, position);
  expect(items).toHaveLength(1);
  earningId = items[0]!.earningId;
  campaignId = campaign.id;
  influencerId = influencer.id;
}, 120_000);

it("earning/get shows an attributed order's conversion, attribution, rules, calculation and the fraud process manager's check; no approval or payment yet", async () => {
  const detail = await api.earning(earningId);
  expect(detail.evidence).toEqual({
    conversion: { orderId: 'ev-o-1', sourceRef: 'scm-ev-1', occurredAt: ORDERED, channel: 'ecommerce', customerRef: 'cust-ev', eventId: expect.any(String) },
    attribution: expect.objectContaining({ model: 'last_touch', windowDays: 30, code: 'ADA10', touchKind: 'code', touchedAt: at(T0, HOUR_MS), channel: 'ecommerce', campaignId, influencerId, commissionBase: { amount: 10_000, currency: EUR } }),
    rules: { campaignId, rulesVersion: 1 },
    // The fraud process manager ran its rules on the attributed order (settle waits for it); before that: not_checked.
    fraudCheck: expect.objectContaining({ status: 'checked', result: 'clear', flagIds: [], rulesRun: ['self_referral', 'duplicate_claim', 'velocity', 'channel_misuse'] }),
    calculation: { accrued: { amount: 1_000, currency: EUR }, details: expect.objectContaining({ basis: 'percent', rateBps: 1_000, commissionBase: 10_000 }), adjustments: [] },
    approval: null,
    payment: null,
  });
});

it('audit/evidence-coverage: nothing paid is share 1; a paid earning lacking parts is incomplete naming them; complete once they exist', async () => {
  expect((await coverage({})).body).toEqual({ paid: 0, complete: 0, share: 1, incomplete: [] });

  await appendAs(`earning-${ORG}.${earningId}`, [
    { type: 'EarningFinalized', data: { earningId, batchId: 'b-1', itemId: 'i-1', amount: { amount: 1_000, currency: EUR }, at: PAID_AT } },
    { type: 'EarningPaid', data: { earningId, amount: { amount: 1_000, currency: EUR }, payoutId: 'b-1:i-1', at: PAID_AT } },
  ]);
  const incomplete = await coverage({ from: '2026-04-01T00:00:00.000Z', to: '2026-05-01T00:00:00.000Z' });
  expect(incomplete.status).toBe(200);
  expect(incomplete.body).toEqual({ paid: 1, complete: 0, share: 0, incomplete: [{ earningId, missing: ['approval', 'payment'] }] });
  // Outside the range (on the payment time): nothing paid there.
  expect((await coverage({ to: '2026-04-01T00:00:00.000Z' })).body).toEqual({ paid: 0, complete: 0, share: 1, incomplete: [] });
  expect((await api.earning(earningId)).evidence.payment).toEqual({ batchId: 'b-1', itemId: 'i-1', providerRef: null, postedAt: null, payoutId: 'b-1:i-1', amount: { amount: 1_000, currency: EUR }, paidAt: PAID_AT });

  // The batch's approval and the posted item, as the payouts context records them.
  await appendAs(`payout-${ORG}.b-1`, [
    { type: 'PayoutBatchApproved', data: { batchId: 'b-1', approvedBy: 'finance-fay', role: 'inf_finance', at: PAID_AT } },
    { type: 'PayoutItemPosted', data: { batchId: 'b-1', itemId: 'i-1', influencerId, earningIds: [earningId], amount: { amount: 1_000, currency: EUR }, providerRef: 'sbx_tr_1', at: PAID_AT } },
  ]);
  expect((await coverage({}, ['inf_finance'])).body).toEqual({ paid: 1, complete: 1, share: 1, incomplete: [] });
  const evidence = (await api.earning(earningId)).evidence;
  expect(evidence.fraudCheck).toMatchObject({ status: 'checked', result: 'clear', flagIds: [] });
  expect(evidence.approval).toMatchObject({ batchId: 'b-1', approvedBy: 'finance-fay', role: 'inf_finance', at: PAID_AT });
  expect(evidence.payment).toMatchObject({ batchId: 'b-1', itemId: 'i-1', providerRef: 'sbx_tr_1', paidAt: PAID_AT });

  // Another org sees none of it.
  expect((await coverage({}, ['inf_owner'], new LedgerApi(t, 'ev-other'))).body).toEqual({ paid: 0, complete: 0, share: 1, incomplete: [] });
  expect((await new LedgerApi(t, 'ev-other').raw('earning/get', { earningId })).status).toBe(404);
});

it('400 naming fields (bad dates, unknown fields, to before from); 403 for roles outside auditor/owner/finance/admin', async () => {
  const fieldsOf = (body: any) => (body.errors ?? []).map((e: any) => e.field).sort();
  const bad = await coverage({ from: 'last week', to: 42, extra: true });
  expect(bad.status).toBe(400);
  expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(fieldsOf(bad.body)).toEqual(['extra', 'from', 'to']);
  const backwards = await coverage({ from: '2026-05-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
  expect(backwards.status).toBe(400);
  expect(fieldsOf(backwards.body)).toEqual(['to']);
  for (const role of ['inf_viewer', 'inf_fraud_reviewer', 'inf_campaign_manager', 'inf_integration'] as const) {
    const res = await coverage({}, [role]);
    expect(res.status).toBe(403);
  }
  for (const role of ['inf_auditor', 'inf_owner', 'inf_finance', 'inf_admin'] as const) expect((await coverage({}, [role])).status).toBe(200);
});
