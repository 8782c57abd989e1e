// Proves a finance month end to end over HTTP with the REAL clock on real PostgreSQL: campaign, influencer, code and a sandbox payout method; orders dated in the previous month → period hold → earning/release-due → payout/batch/create → approval by another finance actor → execute → paid → statement/generate for that month (earned, held, released) and for the days since (paid), each closing checked against balance/get; then a return dated in the issued month and an adjustment, both recorded after issuance, appear in the next statement (the return as a prior-period adjustment) and its closing is again the ledger's balance.
import { startTestApp, type TestApp } from '../support/app';
import { FINANCE, LedgerApi, MANAGER, type CampaignInput, LAST_TOUCH_TEN_PERCENT } from '../support/ledger-api';
import { DAY_MS } from '../support/ledger-world';
import { settleOrg } from '../support/settle';

const EUR = 'EUR';
const ORG = 'finance-month';
const now = new Date();
/** The previous calendar month (UTC): its holds (7 days from days 1 and 4) all end inside it. */
const M = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
const M1 = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
const day = (base: Date, days: number, hour = 10) => new Date(base.getTime() + days * DAY_MS + hour * 3_600_000).toISOString();
const eur = (amount: number) => ({ amount, currency: EUR });
/** The machine is shared: the app's followers may take long to catch up. */
const SETTLE = { timeoutMs: 120_000 };
const finance = { roles: FINANCE, actorRole: 'inf_finance' as const };
jest.setTimeout(300_000);

let t: TestApp;
let api: LedgerApi;
beforeAll(async () => {
  t = await startTestApp(); // the system clock
  api = new LedgerApi(t, ORG, 'fin-ann');
}, 120_000);
afterAll(() => t?.close());

const order = (orderId: string, occurredAt: string, code: string, quantity: number) => ({
  type: 'OrderPlaced' as const, sourceRef: `scm-${orderId}`, orderId, channel: 'ecommerce' as const, customerRef: `cust-${orderId}`, occurredAt, currency: EUR,
  lines: [{ lineId: 'l1', sku: 'SKU-1', quantity, unitPrice: 5_000 }], codes: [code],
});

const totalsOf = (s: Record<string, any>) => ({
  opening: s.opening, earned: s.earned, clawedBack: s.clawedBack, adjustments: s.adjustments, released: s.released, paid: s.paid,
  priorPeriodAdjustments: s.priorPeriodAdjustments, closing: s.closing,
});
const linesOf = (s: Record<string, any>) => s.lines.map((l: any) => [l.kind, l.orderId, l.amount.amount]);

async function generate(influencerId: string, periodStart: string, periodEnd: string) {
  return api.command('statement/generate', { influencerId, currency: EUR, periodStart, periodEnd }, { roles: FINANCE });
}

/** balance/get in EUR, after the app settled: what a statement's closing must equal. */
async function balance(influencerId: string) {
  await settleOrg(t, ORG, SETTLE);
  const body = await api.query('balance/get', { influencerId });
  const entry = body.balances.find((b: { currency: string }) => b.currency === EUR);
  const b = Object.fromEntries(['pending', 'held', 'payable', 'paid', 'recoverable'].map((k) => [k, entry[k].amount as number]));
  // owed = pending + held + payable, less what was paid and clawed back since (recoverable); payable likewise.
  return { ...b, owed: b.pending! + b.held! + b.payable! - b.recoverable!, netPayable: b.payable! - b.recoverable! };
}

describe('a finance month: orders → hold → release → payout → statements', () => {
  let influencerId: string;
  let batch: Record<string, any>;
  let month: Record<string, any>;
  let since: Record<string, any>;
  let sinceEnd: string;

  beforeAll(async () => {
    const startsAt = new Date(M.getTime() - 10 * DAY_MS).toISOString();
    // lockDays 120: the earnings of the previous month can still be adjusted today.
    const rules: CampaignInput = { ...LAST_TOUCH_TEN_PERCENT, name: 'Finance month', attribution: { model: 'coupon', windowDays: 30 }, holdDays: 7, lockDays: 120, startsAt };
    const campaign = await api.createActiveCampaign(rules);
    influencerId = (await api.createProfile({ name: 'Mo', email: 'mo@month.example' })).id;
    await api.command('code/create', { campaignId: campaign.id, influencerId, code: 'MONTH10', kind: 'coupon', validFrom: startsAt }, { roles: MANAGER });
    await api.command('profile/payout-method/set', { influencerId, method: 'sandbox', accountId: 'acct_month' }, { roles: FINANCE });
    // 10 %: o-1 2 × 5 000 → 1 000, o-2 5 × 5 000 → 2 500; held 7 days, both holds end inside the month.
    await api.record(order('o-1', day(M, 0), 'MONTH10', 2));
    await api.record(order('o-2', day(M, 3), 'MONTH10', 5));
    await settleOrg(t, ORG, SETTLE);
  }, 300_000);

  it('releases the due holds, pays them through an approved sandbox batch', async () => {
    expect((await api.raw('payout/batch/create', { currency: EUR }, { roles: FINANCE })).body.code).toBe('empty_batch');
    await api.releaseDue(new Date().toISOString());
    await settleOrg(t, ORG, SETTLE);
    expect(await balance(influencerId)).toMatchObject({ pending: 0, held: 0, payable: 3_500, paid: 0 });

    batch = await api.command('payout/batch/create', { currency: EUR }, { roles: FINANCE });
    expect(batch).toMatchObject({ state: 'scheduled', createdBy: 'fin-ann', total: eur(3_500) });
    expect(batch.items).toEqual([expect.objectContaining({ influencerId, amount: eur(3_500), state: 'pending', method: 'sandbox' })]);
    // Four eyes: the creator may not approve; another finance actor does.
    const own = await api.raw('payout/batch/approve', { batchId: batch.id }, finance);
    expect(own.status).toBe(409);
    expect(own.body.code).toBe('same_actor');
    expect(await api.command('payout/batch/approve', { batchId: batch.id }, { ...finance, sub: 'fin-bob' })).toMatchObject({ state: 'approved', approvedBy: 'fin-bob' });
    const executed = await api.command('payout/batch/execute', { batchId: batch.id }, { roles: FINANCE });
    expect(executed).toMatchObject({ state: 'paid', items: [expect.objectContaining({ state: 'posted', providerRef: expect.stringMatching(/^sbx_/) })] });
    expect(await balance(influencerId)).toMatchObject({ pending: 0, held: 0, payable: 0, paid: 3_500, recoverable: 0 });
  });

  it('the month\'s statement: earned, held and released in the month; the payment, made this month, falls in the next period', async () => {
    month = await generate(influencerId, M.toISOString(), M1.toISOString());
    expect(month).toMatchObject({ number: `${ORG}-${influencerId}-1`, influencerId, currency: EUR });
    expect(totalsOf(month)).toEqual({
      opening: { owed: eur(0), payable: eur(0) },
      earned: eur(3_500),
      clawedBack: eur(0),
      adjustments: eur(0),
      released: eur(3_500), // o-1 on day 7, o-2 on day 10
      paid: eur(0),
      priorPeriodAdjustments: eur(0),
      closing: { owed: eur(3_500), payable: eur(3_500) },
    });
    expect(linesOf(month)).toEqual([
      ['earned', 'o-1', 1_000], ['held', 'o-1', 1_000],
      ['earned', 'o-2', 2_500], ['held', 'o-2', 2_500],
      ['released', 'o-1', 1_000], ['released', 'o-2', 2_500],
    ]);
    expect(month.lines[0]).toMatchObject({ at: day(M, 0), sourceRef: 'scm-o-1' });

    // From the month's end to now: the payment. Its closing is the ledger's balance today.
    sinceEnd = new Date().toISOString();
    since = await generate(influencerId, M1.toISOString(), sinceEnd);
    expect(totalsOf(since)).toEqual({
      opening: { owed: eur(3_500), payable: eur(3_500) }, // the month's closing
      earned: eur(0),
      clawedBack: eur(0),
      adjustments: eur(0),
      released: eur(0),
      paid: eur(3_500),
      priorPeriodAdjustments: eur(0),
      closing: { owed: eur(0), payable: eur(0) },
    });
    expect(linesOf(since).sort()).toEqual([['paid', 'o-1', 1_000], ['paid', 'o-2', 2_500]]);
    const item = batch.items[0];
    for (const line of since.lines) expect(line.note).toBe(`payout ${batch.id}:${item.itemId}`);
    const b = await balance(influencerId);
    expect({ owed: b.owed, payable: b.netPayable }).toEqual({ owed: since.closing.owed.amount, payable: since.closing.payable.amount });
  });

  it('a return dated in the issued month and an adjustment, recorded after issuance, show in the next statement; its closing is the balance', async () => {
    const earnings = await api.earnings({ influencerId });
    const o1 = earnings.find((e) => e.orderId === 'o-1')!;
    const o2 = earnings.find((e) => e.orderId === 'o-2')!;
    // 1 of o-1's 2 units, returned on day 19 of the month: 500 clawed back from a paid earning (recoverable).
    await api.record({ type: 'OrderReturned', sourceRef: 'scm-r-o1', orderId: 'o-1', returnId: 'r-o1', occurredAt: day(M, 19), lines: [{ lineId: 'l1', quantity: 1 }] });
    await settleOrg(t, ORG, SETTLE);
    // o-2's commission corrected from 2 500 to 2 000 today (its business time is now: in the next period).
    const adjusted = await api.command('earning/adjust', { earningId: o2.earningId, amount: eur(2_000), reasonCode: 'wrong_commission', note: 'rate was 8 %' }, finance);
    expect(adjusted).toMatchObject({ amount: eur(2_000), adjustments: eur(-500) });
    await settleOrg(t, ORG, SETTLE);

    const next = await generate(influencerId, sinceEnd, new Date().toISOString());
    expect(next.number).toBe(`${ORG}-${influencerId}-3`);
    expect(totalsOf(next)).toEqual({
      opening: { owed: eur(0), payable: eur(0) },
      earned: eur(0),
      clawedBack: eur(0),
      adjustments: eur(-500),
      released: eur(0),
      paid: eur(0),
      priorPeriodAdjustments: eur(-500),
      closing: { owed: eur(-1_000), payable: eur(-1_000) }, // both paid: owed back, netted from the next payout
    });
    expect(next.lines).toEqual([
      expect.objectContaining({ kind: 'adjustment', earningId: o2.earningId, orderId: 'o-2', amount: eur(-500), note: 'wrong_commission: rate was 8 %' }),
      { at: day(M, 19), kind: 'prior_period_adjustment', earningId: o1.earningId, orderId: 'o-1', sourceRef: 'scm-r-o1', amount: eur(-500), note: 'clawed_back: order_returned (return r-o1)' },
    ]);
    const b = await balance(influencerId);
    expect(b).toMatchObject({ payable: 0, paid: 3_500, recoverable: 1_000 });
    expect({ owed: b.owed, payable: b.netPayable }).toEqual({ owed: next.closing.owed.amount, payable: next.closing.payable.amount });

    // The issued month is unchanged.
    const again = await api.query('statement/get', { statementId: month.id }, null, FINANCE);
    const { position: _position, ...issued } = month;
    expect(again).toEqual(issued);
  });
});
