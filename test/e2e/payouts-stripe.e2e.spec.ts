// Proves stripe_connect payouts against a local fake Stripe (the `stripe` client pointed at it by STRIPE_API_BASE): one transfer per item with the idempotency key <batchId>:<itemId>, a transfer accepted but answered after our timeout is posted exactly once by later execute/retry calls (20 at once), a refused account fails the item, and the webhook (signature checked by stripe.webhooks.constructEvent) turns a reversed transfer into a returned item whose earning is payable again.
import request from 'supertest';
import Stripe from 'stripe';
import { FixedClock } from '@ledger/kernel';
import { ReleaseDueScheduler } from '../../libs/ledger/src/earnings/commands/release-due/release-due.scheduler';
import { startTestApp, type TestApp } from '../support/app';
import { FakeStripe } from '../support/fake-stripe';
import { PAYOUT_T0, PayoutWorlds, type Payee } from '../support/payout-world';
import { settleOrg } from '../support/settle';

const TIMEOUT_MS = 300;
const WEBHOOK_SECRET = 'whsec_test_0123456789abcdef';
const clock = new FixedClock(new Date(PAYOUT_T0));
const fake = new FakeStripe(TIMEOUT_MS * 3);

let t: TestApp;
let worlds: PayoutWorlds;
beforeAll(async () => {
  const base = await fake.start();
  t = await startTestApp({
    clock,
    env: { STRIPE_SECRET_KEY: 'sk_test_fake', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: base, PAYOUT_PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS) },
  });
  await t.app.get(ReleaseDueScheduler).stop();
  worlds = new PayoutWorlds(t, clock);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await fake.stop();
});

const stripe = (accountId: string) => ({ destination: { method: 'stripe_connect' as const, accountId } });

function webhook(payload: object, secret = WEBHOOK_SECRET) {
  const body = JSON.stringify(payload);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
  return request(t.server).post('/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body);
}

it('transfers each item once through Stripe, retries a timed-out one without a second transfer, and takes reversals from the webhook', async () => {
  const org = 'pay-stripe';
  const w = await worlds.world(org, [stripe('acct_ok1'), stripe('acct_slow2'), stripe('acct_fail3')]);
  const [okPayee, slowPayee, failPayee] = w.payees as [Payee, Payee, Payee];
  await worlds.releaseAll(org, w.payees);
  const batch = await worlds.ok(org, 'payout/batch/create', { currency: 'EUR' });
  const itemOf = (payee: Payee, b = batch) => b.items.find((i: any) => i.influencerId === payee.influencerId);
  await worlds.ok(org, 'payout/batch/approve', { batchId: batch.id }, { sub: 'fin-bob', actingRole: 'inf_finance' });

  const executed = await worlds.ok(org, 'payout/batch/execute', { batchId: batch.id });
  expect(itemOf(okPayee, executed)).toMatchObject({ state: 'posted', providerRef: expect.stringMatching(/^tr_/), method: 'stripe_connect' });
  expect(itemOf(slowPayee, executed)).toMatchObject({ state: 'failed', failureCode: 'provider_timeout' });
  expect(itemOf(failPayee, executed)).toMatchObject({ state: 'failed', failureCode: 'account_invalid' });
  // Stripe got the key <batchId>:<itemId>, the amount in minor units and the connected account.
  expect(fake.transfers.map((tr) => [tr.idempotencyKey, tr.amount, tr.currency, tr.destination]).sort()).toEqual(
    [
      [`${batch.id}:${itemOf(okPayee).itemId}`, 1_000, 'eur', 'acct_ok1'],
      [`${batch.id}:${itemOf(slowPayee).itemId}`, 1_000, 'eur', 'acct_slow2'],
    ].sort(),
  );

  const calls = await Promise.all(Array.from({ length: 20 }, (_, i) => worlds.call(org, i % 2 === 0 ? 'payout/batch/retry' : 'payout/batch/execute', { batchId: batch.id })));
  for (const res of calls) expect(res.status).toBe(200);
  await settleOrg(t, org);
  const after = await worlds.ok(org, 'payout/batch/get', { batchId: batch.id }, { roles: ['inf_viewer'] });
  expect(itemOf(slowPayee, after)).toMatchObject({ state: 'posted', providerRef: fake.transfers.find((tr) => tr.destination === 'acct_slow2')!.id });
  expect(itemOf(failPayee, after).state).toBe('failed');
  // Still exactly one transfer per posted item, however many requests Stripe saw for the key.
  expect(fake.transfers).toHaveLength(2);
  expect(fake.requests.get(`${batch.id}:${itemOf(slowPayee).itemId}`)).toBeGreaterThan(1);
  const stream = await t.eventStore.readStream(`payout-${org}.${batch.id}`, { maxCount: 10_000 });
  expect(stream.filter((e) => e.type === 'PayoutItemPosted')).toHaveLength(2);

  // A forged webhook is refused; Stripe's word that the transfer was reversed returns the item.
  const okTransfer = fake.transfers.find((tr) => tr.destination === 'acct_ok1')!;
  const event = { id: 'evt_1', object: 'event', type: 'transfer.reversed', data: { object: { id: okTransfer.id, object: 'transfer', metadata: okTransfer.metadata } } };
  const forged = await webhook(event, 'whsec_wrong');
  expect(forged.status).toBe(400);
  expect(forged.body.code).toBe('PAYOUT.STRIPE_SIGNATURE_INVALID');
  const received = await webhook(event);
  expect(received.status).toBe(200);
  expect(received.body).toEqual({ received: true, applied: true });
  await settleOrg(t, org);
  const returned = await worlds.ok(org, 'payout/batch/get', { batchId: batch.id }, { roles: ['inf_viewer'] });
  expect(itemOf(okPayee, returned)).toMatchObject({ state: 'returned', reasonCode: 'transfer_reversed' });
  expect(await worlds.balance(org, okPayee.influencerId)).toMatchObject({ payable: 1_000, paid: 0 });
  // Delivered twice (Stripe retries webhooks): nothing more happens.
  expect((await webhook(event)).body).toEqual({ received: true, applied: true });
}, 240_000); // setting up the world waits on the process manager: slow on a loaded machine
