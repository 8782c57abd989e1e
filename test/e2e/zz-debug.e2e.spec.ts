// Proves stripe_connect payouts against a local fake Stripe (the `stripe` client pointed at it by STRIPE_API_BASE): one transfer per item with the idempotency key <batchId>:<itemId>, a transfer accepted but answered after our timeout is posted exactly once by later execute/retry calls (20 at once), a refused account fails the item, and the webhook (signature checked by stripe.webhooks.constructEvent) turns a reversed transfer into a returned item whose earning is payable again.
import request from 'supertest';
import Stripe from 'stripe';
import { FixedClock } from '@ledger/kernel';
import { ReleaseDueScheduler } from '../../libs/ledger/src/earnings/commands/release-due/release-due.scheduler';
import { startTestApp, type TestApp } from '../support/app';
import { FakeStripe } from '../support/fake-stripe';
import { PAYOUT_T0, PayoutWorlds, type Payee } from '../support/payout-world';

const TIMEOUT_MS = 300;
const WEBHOOK_SECRET = 'whsec_test_0123456789abcdef';
const clock = new FixedClock(new Date(PAYOUT_T0));
const fake = new FakeStripe(TIMEOUT_MS * 3);

let t: TestApp;
let worlds: PayoutWorlds;
beforeAll(async () => {
  const base = await fake.start();
  console.log('STEP 1', Date.now());
  t = await startTestApp({
    clock,
    env: { PAYOUT_PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS) }, captureLogs: true,
  });
  console.log('STEP 2', Date.now());
  await t.app.get(ReleaseDueScheduler).stop();
  console.log('STEP 3', Date.now());
  worlds = new PayoutWorlds(t, clock);
  console.log('STEP 4', Date.now());
}, 120_000);
afterAll(async () => {
  await t?.close();
  console.log('STEP 5', Date.now());
  await fake.stop();
  console.log('STEP 6', Date.now());
});

const stripe = (accountId: string) => ({ destination: { method: 'stripe_connect' as const, accountId } });

function webhook(payload: object, secret = WEBHOOK_SECRET) {
  const body = JSON.stringify(payload);
  console.log('STEP 7', Date.now());
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
  console.log('STEP 8', Date.now());
  return request(t.server).post('/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body);
  console.log('STEP 9', Date.now());
}

it('transfers each item once through Stripe, retries a timed-out one without a second transfer, and takes reversals from the webhook', async () => {
  const org = 'pay-stripe';
  console.log('STEP 10', Date.now());
  const w = await worlds.world(org, [stripe('acct_ok1'), stripe('acct_slow2'), stripe('acct_fail3')]); console.log(JSON.stringify(t.logs().filter((l: any) => l.level >= 40).slice(0, 5)));
  console.log('STEP 11', Date.now());
  const [okPayee, slowPayee, failPayee] = w.payees as [Payee, Payee, Payee];
  console.log('STEP 12', Date.now());
  await worlds.releaseAll(org, w.payees);
  console.log('STEP 13', Date.now());
  const batch = await worlds.ok(org, 'payout/batch/create', { currency: 'EUR' });
  console.log('STEP 14', Date.now());
  const itemOf = (payee: Payee, b = batch) => b.items.find((i: any) => i.influencerId === payee.influencerId);
  console.log('STEP 15', Date.now());
  await worlds.ok(org, 'payout/batch/approve', { batchId: batch.id }, { sub: 'fin-bob', actingRole: 'inf_finance' });
  console.log('STEP 16', Date.now());

  const executed = await worlds.ok(org, 'payout/batch/execute', { batchId: batch.id });
  console.log('STEP 17', Date.now());
  expect(itemOf(okPayee, executed)).toMatchObject({ state: 'posted', providerRef: expect.stringMatching(/^tr_/), method: 'stripe_connect' });
  console.log('STEP 18', Date.now());
  expect(itemOf(slowPayee, executed)).toMatchObject({ state: 'failed', failureCode: 'provider_timeout' });
  console.log('STEP 19', Date.now());
  expect(itemOf(failPayee, executed)).toMatchObject({ state: 'failed', failureCode: 'account_invalid' });
  console.log('STEP 20', Date.now());
  // Stripe got the key <batchId>:<itemId>, the amount in minor units and the connected account.
  expect(fake.transfers.map((tr) => [tr.idempotencyKey, tr.amount, tr.currency, tr.destination]).sort()).toEqual(
    [
      [`${batch.id}:${itemOf(okPayee).itemId}`, 1_000, 'eur', 'acct_ok1'],
      [`${batch.id}:${itemOf(slowPayee).itemId}`, 1_000, 'eur', 'acct_slow2'],
    ].sort(),
  );
  console.log('STEP 21', Date.now());

  const calls = await Promise.all(Array.from({ length: 20 }, (_, i) => worlds.call(org, i % 2 === 0 ? 'payout/batch/retry' : 'payout/batch/execute', { batchId: batch.id })));
  console.log('STEP 22', Date.now());
  for (const res of calls) expect(res.status).toBe(200);
  console.log('STEP 23', Date.now());
  const after = await worlds.ok(org, 'payout/batch/get', { batchId: batch.id }, { roles: ['inf_viewer'], position: calls.at(-1)!.body.position });
  console.log('STEP 24', Date.now());
  expect(itemOf(slowPayee, after)).toMatchObject({ state: 'posted', providerRef: fake.transfers.find((tr) => tr.destination === 'acct_slow2')!.id });
  console.log('STEP 25', Date.now());
  expect(itemOf(failPayee, after).state).toBe('failed');
  console.log('STEP 26', Date.now());
  // Still exactly one transfer per posted item, however many requests Stripe saw for the key.
  expect(fake.transfers).toHaveLength(2);
  console.log('STEP 27', Date.now());
  expect(fake.requests.get(`${batch.id}:${itemOf(slowPayee).itemId}`)).toBeGreaterThan(1);
  console.log('STEP 28', Date.now());
  const stream = await t.eventStore.readStream(`payout-${org}.${batch.id}`, { maxCount: 10_000 });
  console.log('STEP 29', Date.now());
  expect(stream.filter((e) => e.type === 'PayoutItemPosted')).toHaveLength(2);
  console.log('STEP 30', Date.now());

  // A forged webhook is refused; Stripe's word that the transfer was reversed returns the item.
  const okTransfer = fake.transfers.find((tr) => tr.destination === 'acct_ok1')!;
  console.log('STEP 31', Date.now());
  const event = { id: 'evt_1', object: 'event', type: 'transfer.reversed', data: { object: { id: okTransfer.id, object: 'transfer', metadata: okTransfer.metadata } } };
  console.log('STEP 32', Date.now());
  const forged = await webhook(event, 'whsec_wrong');
  console.log('STEP 33', Date.now());
  expect(forged.status).toBe(400);
  console.log('STEP 34', Date.now());
  expect(forged.body.code).toBe('PAYOUT.STRIPE_SIGNATURE_INVALID');
  console.log('STEP 35', Date.now());
  const received = await webhook(event);
  console.log('STEP 36', Date.now());
  expect(received.status).toBe(200);
  console.log('STEP 37', Date.now());
  expect(received.body).toEqual({ received: true, applied: true });
  console.log('STEP 38', Date.now());
  const returned = await worlds.ok(org, 'payout/batch/get', { batchId: batch.id }, { roles: ['inf_viewer'] });
  console.log('STEP 39', Date.now());
  expect(itemOf(okPayee, returned)).toMatchObject({ state: 'returned', reasonCode: 'transfer_reversed' });
  console.log('STEP 40', Date.now());
  expect(await worlds.balance(org, okPayee.influencerId)).toMatchObject({ payable: 1_000, paid: 0 });
  console.log('STEP 41', Date.now());
  // Delivered twice (Stripe retries webhooks): nothing more happens.
  expect((await webhook(event)).body).toEqual({ received: true, applied: true });
  console.log('STEP 42', Date.now());
});
