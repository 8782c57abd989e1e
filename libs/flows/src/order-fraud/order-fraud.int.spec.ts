// Proves the fraud process manager on real PostgreSQL (event store, real catalog, both process managers driven by catchUp, no sleeps): every attributed order gets one FraudCheckCompleted; a self-referral raises one flag and holds the order's earnings and the influencer's others (kind fraud), and earnings accrued while a flag is open; a review keeps what another open flag wants and the last one releases the rest; velocity flags the order above the org's threshold and not the one at it; a review is carried out on the ledger (clawback referencing the flag) under the reviewer's actor and role; a re-run from the start appends nothing; a fact that fails (a catalog bug on one code) is parked while other facts and orgs go on, and a retry after the fix checks it.
import { executeOnStream, streamName, type Position, type RecordedEvent } from '@ledger/event-store';
import { DAY_MS, randomId } from '@ledger/kernel';
import { appendProgramEvents, ProgramEvents } from '@ledger/attribution';
import { fraudFlagDecider, fraudFlagStream, fraudRulesDecider, fraudRulesStream } from '@ledger/fraud';
import { listParked, requestRetry } from '@ledger/projections';
import { at, PmWorld, recordOrder, T0, type Program } from '../order-earnings/testing/pm-world';
import { ORDER_FRAUD_PM } from './fraud-facts';
import { fraudLedgerReads } from './fraud-ledger-reads';
import { OrderFraudLoop } from './order-fraud.loop';
import { OrderFraudProcessor, type FraudCatalogSource } from './order-fraud.processor';

let w: PmWorld;
beforeAll(async () => {
  w = await PmWorld.create();
}, 60_000);
afterAll(() => w?.close());

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const HOUR_MS = 3_600_000;
const ORDERED = at(T0, 2 * HOUR_MS);
const LINES = [{ lineId: 'a', sku: 'SKU-A', quantity: 1, unitPrice: 10_000 }];
let orgs = 0;
const freshOrg = () => `fraud-${++orgs}`;

function fraudLoop(catalog: FraudCatalogSource = w.catalog): OrderFraudLoop {
  return new OrderFraudLoop({ db: w.db, store: w.store, processor: new OrderFraudProcessor(w.store, catalog, fraudLedgerReads(w.db)), logger: silent, idlePollMs: 5 });
}

/** Attribution and earnings first (their own loop), then the fraud checks. */
async function run(loop: OrderFraudLoop = fraudLoop()): Promise<void> {
  await w.catchUp();
  await waitHead();
  await loop.catchUp();
  await waitHead();
  await loop.catchUp(); // the flags it raised, and any review appended since
}

/** $all shows events below the cluster's oldest transaction: wait until it shows what we appended. */
async function waitHead(): Promise<void> {
  const { rows } = await w.pool.query<{ commit: string; prepare: string }>('select transaction_id::text as commit, global_position::text as prepare from es_event order by transaction_id desc, global_position desc limit 1');
  const last = rows[0];
  if (!last) return;
  const target: Position = { commit: BigInt(last.commit), prepare: BigInt(last.prepare) };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const head = await w.store.headPosition();
    if (head && (head.commit > target.commit || (head.commit === target.commit && head.prepare >= target.prepare))) return;
    if (Date.now() > deadline) throw new Error('the store head did not move within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const check = async (org: string, orderId: string): Promise<RecordedEvent[]> => w.stream('fraudcheck', org, orderId);
const earningEventsOf = async (org: string, influencerId: string) => (await w.earningEvents(org, influencerId)).map((e) => [e.type, e.data.kind ?? e.data.reference ?? null, e.metadata.actorId, e.metadata.role ?? null]);

it('checks every attributed order once; a self-referral raises one flag and holds the order\'s earnings (both levels); a reviewed reversal claws them back; a re-run appends nothing', async () => {
  const p: Program = await w.programs(freshOrg());
  await w.deliver(p.org, recordOrder('o-clean', ORDERED, LINES, { customerRef: 'cust-1' }));
  await w.deliver(p.org, recordOrder('o-self', ORDERED, LINES, { customerRef: 'ADA@example.com' })); // the child's email
  await run();

  expect((await check(p.org, 'o-clean')).map((e) => [e.type, e.data.result])).toEqual([['FraudCheckCompleted', 'clear']]);
  const [completed] = await check(p.org, 'o-self');
  expect(completed!.data).toMatchObject({ result: 'flagged', influencerId: 'ada', findings: [{ rule: 'self_referral', influencerId: 'ada', evidence: { matchedIdentity: 'email' } }] });
  const flagId = (completed!.data.flagIds as string[])[0]!;
  const [raised] = await w.store.readStream(fraudFlagStream(p.org, flagId));
  expect(raised).toMatchObject({ type: 'FraudFlagRaised', data: { rule: 'self_referral', orderId: 'o-self' }, metadata: { actorId: 'system:fraud', role: 'system', reasonCode: 'fraud_self_referral' } });
  expect((raised!.data.earningIds as string[]).length).toBe(3); // the order's level 1 (ada) and level 2 (her parent), and ada's other earning
  const ledger = await w.ledger(p.org, ['ada', 'pia']);
  expect(Object.fromEntries(Object.entries(ledger).map(([k, v]) => [k, v.state]))).toEqual({ 'o-clean#1': 'held', 'o-clean#2': 'held', 'o-self#1': 'held', 'o-self#2': 'held' });
  const fraudHolds = [...(await w.earningEvents(p.org, 'ada')), ...(await w.earningEvents(p.org, 'pia'))].filter((e) => e.type === 'HoldPlaced' && e.data.kind === 'fraud');
  expect(fraudHolds.map((e) => e.data.earningId).sort()).toEqual([...(raised!.data.earningIds as string[])].sort());

  // A reviewer reverses (the command path of fraud/flag/review); the manager carries it out under their name.
  await executeOnStream(w.store, fraudFlagStream(p.org, flagId), fraudFlagDecider, { type: 'ReviewFraudFlag', data: { flagId, decision: 'reverse', reasonCode: 'confirmed', now: at(T0, DAY_MS) } }, {
    eventId: () => randomId(),
    metadata: () => ({ org: p.org, actorId: 'rita', role: 'inf_fraud_reviewer', correlationId: randomId(), schemaVersion: 1, occurredAt: at(T0, DAY_MS) }),
  });
  await run();
  const after = await w.ledger(p.org, ['ada', 'pia']);
  expect(after['o-self#1']).toMatchObject({ state: 'clawed_back', clawedBack: 1_000 });
  expect(after['o-self#2']).toMatchObject({ state: 'clawed_back' });
  expect(after['o-clean#1']!.state).toBe('payable'); // ada's other earning: its fraud hold released by the same review
  expect(after['o-clean#2']!.state).toBe('held'); // the parent's: never named by the flag, still in its hold period
  expect((await earningEventsOf(p.org, 'ada')).filter(([type]) => type === 'EarningClawedBack')).toEqual([['EarningClawedBack', { kind: 'fraud', id: flagId }, 'rita', 'inf_fraud_reviewer']]);

  // From the start again: nothing new anywhere.
  const count = async () => (await w.pool.query<{ n: string }>('select count(*)::text as n from es_event')).rows[0]!.n;
  const before = await count();
  await w.db.deleteFrom('projection_checkpoint').where('name', '=', ORDER_FRAUD_PM).execute();
  await run();
  expect(await count()).toBe(before);
});

it('while a flag is open the influencer\'s new earnings are held too; a review keeps what another open flag wants; the last review releases the rest', async () => {
  const p: Program = await w.programs(freshOrg());
  await w.deliver(p.org, recordOrder('s-1', ORDERED, LINES, { customerRef: 'ada@example.com' }));
  await run();
  const flag1 = ((await check(p.org, 's-1'))[0]!.data.flagIds as string[])[0]!;
  await w.deliver(p.org, recordOrder('later', at(ORDERED, HOUR_MS), LINES, { customerRef: 'cust-9' })); // clear, but ada is under review
  await w.deliver(p.org, recordOrder('s-2', at(ORDERED, 2 * HOUR_MS), LINES, { customerRef: 'ada@example.com' }));
  await run();
  expect((await check(p.org, 'later'))[0]!.data.result).toBe('clear');
  const flag2 = ((await check(p.org, 's-2'))[0]!.data.flagIds as string[])[0]!;
  const laterHold = (await w.earningEvents(p.org, 'ada')).filter((e) => e.type === 'HoldPlaced' && e.data.kind === 'fraud' && e.data.reasonCode === 'fraud_open_flag');
  expect(laterHold).toHaveLength(2); // 'later' and s-2, both accrued while flag 1 was open

  const review = (flagId: string, decision: 'release' | 'reverse') =>
    executeOnStream(w.store, fraudFlagStream(p.org, flagId), fraudFlagDecider, { type: 'ReviewFraudFlag', data: { flagId, decision, reasonCode: 'reviewed', now: at(T0, DAY_MS) } }, {
      eventId: () => randomId(),
      metadata: () => ({ org: p.org, actorId: 'rita', role: 'inf_fraud_reviewer', correlationId: randomId(), schemaVersion: 1, occurredAt: at(T0, DAY_MS) }),
    });
  await review(flag1, 'release');
  await run();
  const states = async () => Object.fromEntries(Object.entries(await w.ledger(p.org, ['ada'])).map(([k, v]) => [k, v.state]));
  expect(await states()).toEqual({ 's-1#1': 'held', 'later#1': 'held', 's-2#1': 'held' }); // flag 2 is still open
  await review(flag2, 'reverse');
  await run();
  expect(await states()).toEqual({ 's-1#1': 'payable', 'later#1': 'payable', 's-2#1': 'clawed_back' });
});

it('velocity: at the org\'s threshold the order is clear, one above it is flagged (business time, one code, one hour)', async () => {
  const p = await w.programs(freshOrg());
  await executeOnStream(w.store, fraudRulesStream(p.org), fraudRulesDecider, { type: 'SetFraudRules', data: { velocityPerHour: 3, now: T0 } }, {
    eventId: () => randomId(),
    metadata: () => ({ org: p.org, actorId: 'owner', role: 'inf_owner', correlationId: randomId(), schemaVersion: 1, occurredAt: T0 }),
  });
  // Three orders inside one hour, then the fourth 59 minutes after the first; a fifth two hours later starts afresh.
  const times = [ORDERED, at(ORDERED, 20 * 60_000), at(ORDERED, 40 * 60_000), at(ORDERED, 59 * 60_000), at(ORDERED, 3 * HOUR_MS)];
  for (const [i, time] of times.entries()) await w.deliver(p.org, recordOrder(`v-${i + 1}`, time, LINES, { customerRef: `cust-v-${i + 1}` }));
  await run();
  const results = [];
  for (let i = 1; i <= times.length; i++) results.push((await check(p.org, `v-${i}`))[0]!.data.result);
  expect(results).toEqual(['clear', 'clear', 'clear', 'flagged', 'clear']);
  const [flagged] = await check(p.org, 'v-4');
  expect(flagged!.data.findings).toEqual([expect.objectContaining({ rule: 'velocity', evidence: expect.objectContaining({ code: 'ADA10', ordersInHour: 4, velocityPerHour: 3 }) })]);
});

it('a fact that fails is parked, every other fact and org goes on; a retry after the fix checks it', async () => {
  const a = await w.programs(freshOrg());
  const b = await w.programs(freshOrg());
  const e = new ProgramEvents(a.org);
  await w.catalog.waitFor(await appendProgramEvents(w.store, [e.codeIssued({ code: 'BAD1', campaignId: a.campaignId, influencerId: a.childId, issuedAt: at(T0, -DAY_MS) })]), 5_000);
  let broken = true;
  const catalog: FraudCatalogSource = {
    waitFor: (position, timeoutMs) => w.catalog.waitFor(position, timeoutMs),
    view: (org) => {
      const real = w.catalog.view(org);
      return {
        findCampaign: (id) => real.findCampaign(id),
        findInfluencer: (id) => real.findInfluencer(id),
        findCode: (code) => {
          if (code === 'BAD1' && broken) throw new Error('catalog bug on BAD1');
          return real.findCode(code);
        },
      };
    },
  };
  const loop = fraudLoop(catalog);
  await w.deliver(a.org, recordOrder('p-1', ORDERED, LINES, { customerRef: 'c1' }));
  await w.deliver(a.org, recordOrder('p-bad', ORDERED, LINES, { codes: ['BAD1'], customerRef: 'c2' }));
  await w.deliver(b.org, recordOrder('p-other-org', ORDERED, LINES, { customerRef: 'c3' }));
  await w.deliver(a.org, recordOrder('p-3', ORDERED, LINES, { customerRef: 'c4' }));
  await run(loop);
  for (const [org, id] of [[a.org, 'p-1'], [b.org, 'p-other-org'], [a.org, 'p-3']] as const) expect((await check(org, id)).map((x) => x.type)).toEqual(['FraudCheckCompleted']);
  expect(await check(a.org, 'p-bad')).toEqual([]);
  const stream = streamName('conversion', a.org, 'p-bad');
  const parked = await listParked(w.db, { consumer: ORDER_FRAUD_PM, stream });
  expect(parked.map((r) => ({ kind: r.kind, org: r.org, eventType: r.eventType, error: r.errorMessage }))).toEqual([{ kind: 'failed', org: a.org, eventType: 'ConversionAttributed', error: 'catalog bug on BAD1' }]);

  broken = false; // the fix is deployed
  expect(await requestRetry(w.db, { id: parked[0]!.id })).toBe(1);
  await run(loop);
  expect((await check(a.org, 'p-bad')).map((x) => x.data.result)).toEqual(['clear']);
  expect(await listParked(w.db, { consumer: ORDER_FRAUD_PM, stream })).toEqual([]);
});
