// Proves payouts over HTTP on a fresh database with a FixedClock: orders → period hold → release → batch (minimum, destination and hold rules, earnings locked so a second batch is empty) → four-eyes approval → execute through the sandbox (fail_/flaky_/slow_ accounts, retry posts each transfer once, counted in the sandbox's own table) → item cancel and provider return make earnings payable again, a clawback after payment is netted as `recovered`; plus 400s naming fields, 403s, other-org 404s and 20 concurrent execute/retry calls.
import { FixedClock } from '@ledger/kernel';
import { ReleaseDueScheduler } from '../../libs/ledger/src/earnings/commands/release-due/release-due.scheduler';
import { startTestApp, type TestApp } from '../support/app';
import type { LedgerApi } from '../support/ledger-api';
import { PAYOUT_T0, PayoutWorlds, type Payee } from '../support/payout-world';
import { at, DAY_MS, HOUR_MS } from '../support/ledger-world';
import { settleOrg } from '../support/settle';

const T0 = PAYOUT_T0;
const EUR = 'EUR';
const clock = new FixedClock(new Date(T0));
const ORDERED = at(T0, 2 * HOUR_MS);
/** Each world waits on the process manager and the projections: minutes, not seconds, on a loaded machine. */
const E2E_TIMEOUT_MS = 240_000;

let t: TestApp;
beforeAll(async () => {
  // The sandbox's slow_ accounts answer only after this timeout: short, so the test does not wait long.
  t = await startTestApp({ clock, env: { PAYOUT_PROVIDER_TIMEOUT_MS: '300' } });
  await t.app.get(ReleaseDueScheduler).stop();
  worlds = new PayoutWorlds(t, clock);
}, 120_000);
afterAll(() => t?.close());

let worlds: PayoutWorlds;
const call = (...args: Parameters<PayoutWorlds['call']>) => worlds.call(...args);
const ok = (...args: Parameters<PayoutWorlds['ok']>) => worlds.ok(...args);
const order = (api: LedgerApi, orderId: string, code: string, unitPrice: number) => worlds.order(api, orderId, code, unitPrice);
const releaseAll = (org: string, payees: Payee[]) => worlds.releaseAll(org, payees);
/** The balance in EUR as amounts (waits for the app to settle: robust on a loaded machine). */
const balance = (org: string, influencerId: string) => worlds.balance(org, influencerId);
const world = (org: string, payees: Array<{ account: string | null; unitPrice?: number }>) =>
  worlds.world(org, payees.map((p) => ({ destination: p.account === null ? null : { method: 'sandbox' as const, accountId: p.account }, ...(p.unitPrice === undefined ? {} : { unitPrice: p.unitPrice }) })));

async function sandboxTransfers(org: string, batchId: string) {
  const rows = await t.db.selectFrom('payout_sandbox_transfer').select(['idempotency_key', 'transfer_id']).where('org', '=', org).where('idempotency_key', 'like', `${batchId}:%`).where('transfer_id', 'is not', null).execute();
  return rows.map((r: { idempotency_key: string }) => r.idempotency_key).sort();
}

describe('a month of payouts: orders → hold → release → batch → approve → execute → retry', () => {
  it('pays each payee once, four eyes on approval, failures retried and cancelled, returns payable again', async () => {
    const org = 'pay-main';
    const w = await world(org, [{ account: 'acct_ok' }, { account: 'fail_closed' }, { account: 'flaky_bank' }, { account: 'slow_bank' }, { account: null }, { account: 'acct_small', unitPrice: 2_000 }]);
    const [okPayee, failPayee, flakyPayee, slowPayee, noMethod, small] = w.payees as [Payee, Payee, Payee, Payee, Payee, Payee];

    // Held for the period: nothing is payable, so no batch.
    const none = await call(org, 'payout/batch/create', { currency: EUR });
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({ code: 'empty_batch' });

    await releaseAll(org, w.payees);
    clock.set(new Date(at(ORDERED, DAY_MS)));
    const created = await ok(org, 'payout/batch/create', { currency: EUR });
    expect(created).toMatchObject({ state: 'scheduled', currency: EUR, createdBy: 'fin-ann', total: { amount: 4_000, currency: EUR } });
    expect(created.items.map((i: any) => i.influencerId).sort()).toEqual([okPayee, failPayee, flakyPayee, slowPayee].map((p) => p.influencerId).sort());
    for (const item of created.items) expect(item).toMatchObject({ gross: { amount: 1_000, currency: EUR }, recovered: { amount: 0, currency: EUR }, amount: { amount: 1_000, currency: EUR }, state: 'pending', earningIds: [expect.any(String)] });
    expect(created.skipped).toEqual(expect.arrayContaining([{ influencerId: noMethod.influencerId, reason: 'no_payout_method' }, { influencerId: small.influencerId, reason: 'below_minimum' }]));
    const batchId = created.id;
    const itemOf = (payee: Payee, batch = created) => batch.items.find((i: any) => i.influencerId === payee.influencerId);

    // Locked to this batch: a second batch finds nothing to pay.
    expect((await call(org, 'payout/batch/create', { currency: EUR })).body.code).toBe('empty_batch');

    // Four eyes: not the creator (409 same_actor); the acting role is required (400 naming X-Actor-Role without it,
    // 403 for a role that may not approve); another person approves.
    const own = await call(org, 'payout/batch/approve', { batchId }, { actingRole: 'inf_finance' });
    expect(own.status).toBe(409);
    expect(own.body.code).toBe('same_actor');
    const noRole = await call(org, 'payout/batch/approve', { batchId }, { sub: 'fin-bob' });
    expect(noRole.status).toBe(400);
    expect(JSON.stringify(noRole.body)).toContain('X-Actor-Role');
    expect((await call(org, 'payout/batch/approve', { batchId }, { sub: 'aud-al', roles: ['inf_auditor'], actingRole: 'inf_auditor' })).status).toBe(403);
    const early = await call(org, 'payout/batch/execute', { batchId }, { sub: 'fin-bob' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('not_approved');
    const approved = await ok(org, 'payout/batch/approve', { batchId }, { sub: 'fin-bob', roles: ['inf_owner'], actingRole: 'inf_owner' });
    expect(approved).toMatchObject({ state: 'approved', approvedBy: 'fin-bob' });

    const executed = await ok(org, 'payout/batch/execute', { batchId });
    expect(executed.state).toBe('partially_paid');
    expect(itemOf(okPayee, executed)).toMatchObject({ state: 'posted', providerRef: expect.stringMatching(/^sbx_/) });
    expect(itemOf(failPayee, executed)).toMatchObject({ state: 'failed', failureCode: 'account_rejected', attempts: 1 });
    expect(itemOf(flakyPayee, executed)).toMatchObject({ state: 'failed', failureCode: 'temporarily_unavailable' });
    // slow_ made its transfer but answered after we stopped waiting: failed for us, posted at the provider.
    expect(itemOf(slowPayee, executed)).toMatchObject({ state: 'failed', failureCode: 'provider_timeout' });
    expect(await sandboxTransfers(org, batchId)).toEqual([`${batchId}:${itemOf(okPayee).itemId}`, `${batchId}:${itemOf(slowPayee).itemId}`].sort());

    // Whether slow_ was paid is unknown to us: cancelling it is refused, retrying finds the transfer.
    const blind = await call(org, 'payout/item/cancel', { batchId, itemId: itemOf(slowPayee).itemId, reasonCode: 'gave_up' });
    expect(blind.status).toBe(409);
    expect(blind.body.code).toBe('outcome_unknown');

    const retried = await ok(org, 'payout/batch/retry', { batchId });
    expect(itemOf(flakyPayee, retried)).toMatchObject({ state: 'posted' });
    expect(itemOf(slowPayee, retried)).toMatchObject({ state: 'posted', providerRef: itemOf(slowPayee, executed).providerRef ?? expect.any(String) });
    expect(itemOf(failPayee, retried)).toMatchObject({ state: 'failed', attempts: 2 });
    expect(itemOf(okPayee, retried)).toMatchObject({ state: 'posted', providerRef: itemOf(okPayee, executed).providerRef });
    // Each posted item was transferred exactly once, the failed one never.
    expect(await sandboxTransfers(org, batchId)).toEqual([okPayee, flakyPayee, slowPayee].map((p) => `${batchId}:${itemOf(p).itemId}`).sort());

    const cancelled = await ok(org, 'payout/item/cancel', { batchId, itemId: itemOf(failPayee).itemId, reasonCode: 'account_closed' });
    expect(itemOf(failPayee, cancelled)).toMatchObject({ state: 'cancelled', reasonCode: 'account_closed' });
    expect(cancelled.state).toBe('partially_paid');

    // Read back through the read model (get, list) and the balances.
    await settleOrg(t, org);
    const got = await ok(org, 'payout/batch/get', { batchId }, { roles: ['inf_auditor'] });
    expect(got).toMatchObject({ id: batchId, state: 'partially_paid', approvedBy: 'fin-bob', total: { amount: 4_000, currency: EUR } });
    expect(got.items.map((i: any) => [i.influencerId, i.state]).sort()).toEqual(cancelled.items.map((i: any) => [i.influencerId, i.state]).sort());
    const listed = await ok(org, 'payout/batch/list', { state: 'partially_paid', currency: EUR }, { roles: ['inf_viewer'] });
    expect(listed.items.map((b: any) => b.id)).toEqual([batchId]);
    expect(await balance(org, okPayee.influencerId)).toEqual({ accrued: 1_000, pending: 0, held: 0, payable: 0, paid: 1_000, clawedBack: 0, recoverable: 0 });
    expect(await balance(org, failPayee.influencerId)).toMatchObject({ payable: 1_000, paid: 0 });
    await settleOrg(t, org);
    const paidEarning = await ok(org, 'earning/get', { earningId: itemOf(okPayee).earningIds[0] }, { roles: ['inf_viewer'] });
    expect(paidEarning.state).toBe('paid');

    // The bank returns the ok payee's money: the item is returned, its earning payable again (a reversal, recorded).
    const returned = await ok(org, 'payout/item/report', { batchId, itemId: itemOf(okPayee).itemId, outcome: 'returned', failureCode: 'AC04' });
    expect(itemOf(okPayee, returned)).toMatchObject({ state: 'returned', reasonCode: 'AC04' });
    expect(await balance(org, okPayee.influencerId)).toMatchObject({ payable: 1_000, paid: 0 });
    await settleOrg(t, org);
    const afterReturn = await ok(org, 'earning/get', { earningId: itemOf(okPayee).earningIds[0] }, { roles: ['inf_viewer'] });
    expect(afterReturn.state).toBe('payable');
    expect(afterReturn.transitions.map((tr: any) => tr.type)).toEqual(expect.arrayContaining(['EarningFinalized', 'EarningPaid', 'EarningPaymentReturned']));

    // The next batch pays them again (the cancelled one and the returned one), under a new key.
    const next = await ok(org, 'payout/batch/create', { currency: EUR });
    expect(next.items.map((i: any) => i.influencerId).sort()).toEqual([okPayee.influencerId, failPayee.influencerId].sort());
  }, E2E_TIMEOUT_MS);

  it('a clawback after payment becomes recoverable and is netted from the next batch as `recovered`', async () => {
    const org = 'pay-recover';
    const w = await world(org, [{ account: 'acct_r' }]);
    const [payee] = w.payees as [Payee];
    await releaseAll(org, w.payees);
    const first = await ok(org, 'payout/batch/create', { currency: EUR });
    await ok(org, 'payout/batch/approve', { batchId: first.id }, { sub: 'fin-bob', actingRole: 'inf_finance' });
    expect((await ok(org, 'payout/batch/execute', { batchId: first.id })).state).toBe('paid');

    // The whole order comes back after it was paid: clawed back, recoverable, not a negative payable.
    clock.set(new Date(at(ORDERED, 2 * DAY_MS)));
    await w.api.record({ type: 'OrderReturned', sourceRef: 'scm-r-0', orderId: 'o-0', returnId: 'r-0', occurredAt: at(ORDERED, 2 * DAY_MS), lines: [{ lineId: 'l1', quantity: 2 }] });
    await order(w.api, 'o-2', payee.code, 15_000); // 3 000 more
    await settleOrg(t, org);
    expect(await balance(org, payee.influencerId)).toEqual({ accrued: 4_000, pending: 0, held: 3_000, payable: 0, paid: 1_000, clawedBack: 1_000, recoverable: 1_000 });
    expect((await call(org, 'payout/batch/create', { currency: EUR })).body.code).toBe('empty_batch');

    await releaseAll(org, w.payees);
    const second = await ok(org, 'payout/batch/create', { currency: EUR });
    expect(second.items).toEqual([expect.objectContaining({ gross: { amount: 3_000, currency: EUR }, recovered: { amount: 1_000, currency: EUR }, amount: { amount: 2_000, currency: EUR } })]);
    await ok(org, 'payout/batch/approve', { batchId: second.id }, { sub: 'fin-bob', actingRole: 'inf_finance' });
    const paid = await ok(org, 'payout/batch/execute', { batchId: second.id });
    expect(paid.state).toBe('paid');
    expect(await balance(org, payee.influencerId)).toEqual({ accrued: 4_000, pending: 0, held: 0, payable: 0, paid: 3_000, clawedBack: 1_000, recoverable: 0 });
  }, E2E_TIMEOUT_MS);

  it('twenty concurrent execute/retry calls make each sandbox transfer exactly once', async () => {
    const org = 'pay-race';
    const w = await world(org, [{ account: 'acct_a' }, { account: 'flaky_b' }, { account: 'slow_c' }, { account: 'acct_d' }]);
    await releaseAll(org, w.payees);
    const batch = await ok(org, 'payout/batch/create', { currency: EUR });
    await ok(org, 'payout/batch/approve', { batchId: batch.id }, { sub: 'fin-bob', actingRole: 'inf_finance' });
    const calls = await Promise.all(Array.from({ length: 20 }, (_, i) => call(org, i % 2 === 0 ? 'payout/batch/execute' : 'payout/batch/retry', { batchId: batch.id })));
    // A retry that arrives before the batch is executing is refused; every execute answers.
    for (const res of calls) expect([200, 409]).toContain(res.status);
    expect(calls.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(10);
    const final = await ok(org, 'payout/batch/retry', { batchId: batch.id });
    expect(final.state).toBe('paid');
    const keys = await sandboxTransfers(org, batch.id);
    expect(keys).toEqual(batch.items.map((i: any) => `${batch.id}:${i.itemId}`).sort());
    // One PayoutItemPosted per item on the batch stream, one EarningPaid per earning.
    const events = await t.eventStore.readStream(`payout-${org}.${batch.id}`, { maxCount: 10_000 });
    expect(events.filter((e) => e.type === 'PayoutItemPosted')).toHaveLength(4);
  }, E2E_TIMEOUT_MS);
});

describe('payout/item/list', () => {
  it('a partner sees only its own items; another influencer is unknown to it (404) and a batch as a whole stays staff-only (403)', async () => {
    const org = 'pay-partner';
    const w = await world(org, [{ account: 'acct_pa' }, { account: 'acct_pb' }]);
    const [a, b] = w.payees as [Payee, Payee];
    await releaseAll(org, w.payees);
    const batch = await ok(org, 'payout/batch/create', { currency: EUR });
    await ok(org, 'payout/batch/approve', { batchId: batch.id }, { sub: 'fin-bob', actingRole: 'inf_finance' });
    expect((await ok(org, 'payout/batch/execute', { batchId: batch.id })).state).toBe('paid');
    await settleOrg(t, org);

    const staff = await ok(org, 'payout/item/list', { batchId: batch.id }, { roles: ['inf_auditor'] });
    expect(staff.items.map((i: any) => i.influencerId).sort()).toEqual([a.influencerId, b.influencerId].sort());
    const partnerA = { sub: a.influencerId, roles: ['inf_partner'] };
    const own = await ok(org, 'payout/item/list', {}, partnerA);
    expect(own.items).toEqual([expect.objectContaining({ batchId: batch.id, influencerId: a.influencerId, state: 'posted', amount: { amount: 1_000, currency: EUR } })]);
    expect((await ok(org, 'payout/item/list', { batchId: batch.id, state: 'posted' }, partnerA)).items.map((i: any) => i.influencerId)).toEqual([a.influencerId]);
    expect((await call(org, 'payout/item/list', { influencerId: b.influencerId }, partnerA)).status).toBe(404);
    expect((await call(org, 'payout/batch/get', { batchId: batch.id }, partnerA)).status).toBe(403);
    expect((await call(org, 'payout/batch/list', {}, partnerA)).status).toBe(403);

    // Pages: one item per page, each once.
    const first = await ok(org, 'payout/item/list', { limit: 1 }, { roles: ['inf_viewer'] });
    const second = await ok(org, 'payout/item/list', { limit: 1, cursor: first.nextCursor }, { roles: ['inf_viewer'] });
    expect([...first.items, ...second.items].map((i: any) => i.itemId).sort()).toEqual(staff.items.map((i: any) => i.itemId).sort());
    expect(second.nextCursor).toBeNull();
    const bad = await call(org, 'payout/item/list', { state: 'lost', limit: 0, cursor: 'nope', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['extra', 'limit', 'state']);
    expect((await call(org, 'payout/item/list', { cursor: 'nope' })).body.errors.map((e: any) => e.field)).toEqual(['cursor']);
    expect((await call(org, 'payout/item/list', {}, { roles: ['inf_campaign_manager'] })).status).toBe(403);
    expect((await ok('pay-partner-other', 'payout/item/list', { batchId: batch.id })).items).toEqual([]);
  }, E2E_TIMEOUT_MS);
});

describe('the edge', () => {
  it('refuses bad input naming the fields (400), wrong roles (403) and other orgs\' batches (404)', async () => {
    const org = 'pay-edge';
    const w = await world(org, [{ account: 'acct_e' }]);
    const [payee] = w.payees as [Payee];
    const bad = await call(org, 'payout/batch/create', { currency: 'ABC', asOf: 'yesterday', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['asOf', 'currency', 'extra']);
    const badIban = await call(org, 'profile/payout-method/set', { influencerId: payee.influencerId, method: 'bank_transfer', iban: 'DE00 0000 0000 0000 0000 00', bic: 'nope', accountId: 'x' });
    expect(badIban.status).toBe(400);
    expect(badIban.body.errors.map((e: any) => e.field).sort()).toEqual(['accountHolder', 'accountId', 'bic', 'iban']);
    const bank = await ok(org, 'profile/payout-method/set', { influencerId: payee.influencerId, method: 'bank_transfer', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', accountHolder: 'Pat Payee' });
    expect(bank.payoutMethod).toEqual({ method: 'bank_transfer', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', accountHolder: 'Pat Payee' });
    expect((await call(org, 'profile/payout-method/set', { influencerId: 'nobody', method: 'sandbox', accountId: 'a' })).status).toBe(404);

    expect((await call(org, 'payout/batch/create', { currency: EUR }, { roles: ['inf_viewer'] })).status).toBe(403);
    expect((await call(org, 'payout/batch/create', { currency: EUR }, { roles: ['inf_owner'] })).status).toBe(403);
    expect((await call(org, 'profile/payout-method/set', { influencerId: payee.influencerId, method: 'sandbox', accountId: 'a' }, { roles: ['inf_campaign_manager'] })).status).toBe(403);

    await releaseAll(org, w.payees);
    const batch = await ok(org, 'payout/batch/create', { currency: EUR });
    expect(batch.items[0]).toMatchObject({ method: 'bank_transfer' });
    for (const path of ['payout/batch/get', 'payout/batch/execute']) {
      const other = await call('pay-edge-other', path, { batchId: batch.id }, { roles: ['inf_finance'] });
      expect(other.status).toBe(404);
    }
    expect((await call('pay-edge-other', 'payout/batch/approve', { batchId: batch.id }, { sub: 'x', actingRole: 'inf_finance' })).status).toBe(404);

    // bank_transfer: nothing is sent at execution; the bank file, then a report per item.
    await ok(org, 'payout/batch/approve', { batchId: batch.id }, { sub: 'fin-bob', actingRole: 'inf_finance' });
    const executing = await ok(org, 'payout/batch/execute', { batchId: batch.id });
    expect(executing.state).toBe('executing');
    const csv = await call(org, 'payout/batch/export', { batchId: batch.id, format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[1]).toContain('DE89370400440532013000');
    const xmlMissing = await call(org, 'payout/batch/export', { batchId: batch.id, format: 'pain.001' });
    expect(xmlMissing.status).toBe(400);
    const xml = await call(org, 'payout/batch/export', { batchId: batch.id, format: 'pain.001', debtorName: 'Brand GmbH', debtorIban: 'DE02120300000000202051' });
    expect(xml.status).toBe(200);
    expect(xml.text).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    expect(xml.text).toContain('<InstdAmt Ccy="EUR">10.00</InstdAmt>');
    expect(xml.text).toContain('<NbOfTxs>1</NbOfTxs>');
    const posted = await ok(org, 'payout/item/report', { batchId: batch.id, itemId: batch.items[0].itemId, outcome: 'posted', providerRef: 'bank-stmt-1' });
    expect(posted).toMatchObject({ state: 'paid' });
    const missingRef = await call(org, 'payout/item/report', { batchId: batch.id, itemId: batch.items[0].itemId, outcome: 'posted' });
    expect(missingRef.status).toBe(400);
  }, E2E_TIMEOUT_MS);
});
