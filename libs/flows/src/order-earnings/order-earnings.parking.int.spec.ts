// Proves the process manager isolates failures per order on real PostgreSQL (event store, real catalog): a year-0000 OrderRecorded appended straight to the store holds nothing up; an order it cannot process (a catalog that throws on its code, as a bug would) is parked and every other order, of its org and of others, is still attributed; later facts of the parked order wait behind it; a retry after the fix decides it; refusals are recorded with code and detail and resolved once the order goes through; transient errors are retried, not parked. Driven by catchUp (no sleeps).
import { deterministicId, randomId } from '@ledger/kernel';
import { streamName, type Position } from '@ledger/event-store';
import { listParked, requestRetry } from '@ledger/projections';
import { ORDER_EARNINGS_PM } from './order-earnings.loop';
import type { CatalogSource } from './order-earnings.processor';
import { at, PmWorld, recordOrder, recordReturn, T0 } from './testing/pm-world';

let w: PmWorld;
beforeAll(async () => {
  w = await PmWorld.create();
}, 60_000);
afterAll(() => w?.close());

const HOUR_MS = 3_600_000;
const ORDERED = at(T0, 2 * HOUR_MS);
const LINES = [{ lineId: 'a', sku: 'SKU-A', quantity: 3, unitPrice: 3_000 }];
let orgs = 0;
const freshOrg = () => `park-${++orgs}`;
const types = async (org: string, orderId: string) => (await w.stream('order', org, orderId)).map((e) => e.type);
const open = (stream: string) => listParked(w.db, { consumer: ORDER_EARNINGS_PM, stream });

/** The real catalog, but looking up `code` fails as a bug would (a plain Error), while `broken()` says so. */
function catalogFailingOn(code: string, broken: () => boolean, error: () => Error = () => new Error(`catalog bug on ${code}`)): CatalogSource {
  return {
    waitFor: (position: Position, timeoutMs: number) => w.catalog.waitFor(position, timeoutMs),
    view: (org: string) => {
      const real = w.catalog.view(org);
      return {
        ...real,
        findCode: (c: string) => {
          if (c === code && broken()) throw error();
          return real.findCode(c);
        },
        findInfluencer: (id: string) => real.findInfluencer(id),
        findCampaign: (id: string) => real.findCampaign(id),
      };
    },
  };
}

it('an OrderRecorded of year 0000 straight in the store: the orders around it, of both orgs, are attributed, and it is decided unattributed', async () => {
  const a = await w.programs(freshOrg());
  const b = await w.programs(freshOrg());
  await w.deliver(a.org, recordOrder('o-before', ORDERED, LINES));
  const poison = { ...recordOrder('o-0000', '0000-01-01T00:00:00Z', LINES).data };
  await w.store.append(streamName('order', a.org, 'o-0000'), [
    { id: deterministicId(a.org, 'scm', 'scm-o-0000', 'OrderRecorded'), type: 'OrderRecorded', data: poison, metadata: { org: a.org, actorId: 'scm', correlationId: randomId(), schemaVersion: 1, occurredAt: '0000-01-01T00:00:00Z', sourceRef: 'scm-o-0000' } },
  ], { expectedRevision: 'no_stream' });
  await w.deliver(b.org, recordOrder('o-other-org', ORDERED, LINES));
  await w.deliver(a.org, recordOrder('o-after', ORDERED, LINES));
  await w.catchUp();
  for (const [org, id] of [[a.org, 'o-before'], [b.org, 'o-other-org'], [a.org, 'o-after']] as const) expect(await types(org, id)).toEqual(['OrderRecorded', 'AttributionDecided']);
  // No campaign runs in year 0: decided unattributed, nothing parked (the orders projection is what chokes on it, see test/e2e/parked-events).
  const [, decision] = await w.stream('order', a.org, 'o-0000');
  expect(decision).toMatchObject({ type: 'AttributionDecided', data: { attributed: false } });
  expect(await open(streamName('order', a.org, 'o-0000'))).toEqual([]);
});

it('an order that fails is parked and the batch goes on with every other order; its later facts wait behind it; a retry after the fix decides it', async () => {
  const a = await w.programs(freshOrg());
  const b = await w.programs(freshOrg());
  let broken = true;
  const loop = w.loop({ catalog: catalogFailingOn('BAD1', () => broken) });
  await w.deliver(a.org, recordOrder('o1', ORDERED, LINES));
  await w.deliver(a.org, recordOrder('o-bad', ORDERED, LINES, { codes: ['BAD1'] }));
  await w.deliver(b.org, recordOrder('o2', ORDERED, LINES));
  await w.deliver(a.org, recordOrder('o3', ORDERED, LINES));
  await w.catchUp(loop);
  for (const [org, id] of [[a.org, 'o1'], [b.org, 'o2'], [a.org, 'o3']] as const) expect(await types(org, id)).toEqual(['OrderRecorded', 'AttributionDecided']);
  expect(await types(a.org, 'o-bad')).toEqual(['OrderRecorded']);
  const badStream = streamName('order', a.org, 'o-bad');
  expect((await open(badStream)).map((p) => ({ kind: p.kind, org: p.org, eventType: p.eventType, error: p.errorMessage }))).toEqual([
    { kind: 'failed', org: a.org, eventType: 'OrderRecorded', error: 'catalog bug on BAD1' },
  ]);

  await w.deliver(a.org, recordReturn('o-bad', 'r1', at(ORDERED, HOUR_MS), [{ lineId: 'a', quantity: 1 }]));
  await w.deliver(a.org, recordOrder('o4', ORDERED, LINES));
  await w.catchUp(loop);
  expect(await types(a.org, 'o4')).toEqual(['OrderRecorded', 'AttributionDecided']);
  expect((await open(badStream)).map((p) => [p.kind, p.eventType])).toEqual([['failed', 'OrderRecorded'], ['blocked', 'OrderReturned']]);

  broken = false; // the fix is deployed
  const [failed] = await open(badStream);
  expect(await requestRetry(w.db, { id: failed!.id })).toBe(1);
  await w.catchUp(loop);
  expect(await types(a.org, 'o-bad')).toEqual(['OrderRecorded', 'OrderReturned', 'AttributionDecided']);
  expect(await open(badStream)).toEqual([]);
  expect((await listParked(w.db, { consumer: ORDER_EARNINGS_PM, stream: badStream, statuses: ['resolved'] })).length).toBe(2);
});

it('a retry that fails again keeps the order parked with attempts + 1', async () => {
  const a = await w.programs(freshOrg());
  const loop = w.loop({ catalog: catalogFailingOn('BAD2', () => true) });
  await w.deliver(a.org, recordOrder('o-bad', ORDERED, LINES, { codes: ['BAD2'] }));
  await w.catchUp(loop);
  const stream = streamName('order', a.org, 'o-bad');
  const [row] = await open(stream);
  await requestRetry(w.db, { id: row!.id });
  await w.catchUp(loop);
  expect(await open(stream)).toEqual([expect.objectContaining({ id: row!.id, status: 'parked', kind: 'failed', attempts: 2 })]);
});

it('a transient error (connection lost) is retried, not parked', async () => {
  const a = await w.programs(freshOrg());
  let failuresLeft = 2;
  const lost = () => Object.assign(new Error('Connection terminated unexpectedly'), { code: '08006' });
  const loop = w.loop({ catalog: catalogFailingOn('ADA10', () => failuresLeft-- > 0, lost) });
  await w.deliver(a.org, recordOrder('o-flaky', ORDERED, LINES));
  await w.waitVisible();
  for (let i = 0; i < 2; i++) await expect(loop.catchUp()).rejects.toThrow('Connection terminated'); // the loop's run() backs off and retries
  await w.catchUp(loop);
  expect(await types(a.org, 'o-flaky')).toEqual(['OrderRecorded', 'AttributionDecided']);
  expect(await listParked(w.db, { consumer: ORDER_EARNINGS_PM, stream: streamName('order', a.org, 'o-flaky'), statuses: ['parked', 'resolved'] })).toEqual([]);
});

it('a refusal is recorded with its code and detail (parked, kind refused), holds nothing back, and is resolved once the order goes through', async () => {
  const a = await w.programs(freshOrg());
  // Rules that earn more than the ledger accepts, for pos orders only (the earning-ledger decider refuses).
  const huge = { type: 'fixed' as const, amount: { amount: 2_000_000_000_000, currency: 'EUR' } };
  let refusing = true;
  const catalog: CatalogSource = {
    waitFor: (position, timeoutMs) => w.catalog.waitFor(position, timeoutMs),
    view: (org) => {
      const real = w.catalog.view(org);
      return {
        ...real,
        findCode: (code: string) => real.findCode(code),
        findInfluencer: (id: string) => real.findInfluencer(id),
        findCampaign: (id: string) => {
          const campaign = real.findCampaign(id);
          if (!refusing || !campaign) return campaign;
          return { ...campaign, rulesVersions: campaign.rulesVersions.map((v) => ({ ...v, rules: { ...v.rules, channelOverrides: { pos: { earnings: huge } } } })) };
        },
      };
    },
  };
  const loop = w.loop({ catalog });
  await w.deliver(a.org, recordOrder('o-refused', ORDERED, LINES, { channel: 'pos' }));
  await w.deliver(a.org, recordOrder('o-fine', ORDERED, LINES));
  await w.catchUp(loop);
  expect(await types(a.org, 'o-fine')).toEqual(['OrderRecorded', 'AttributionDecided']);
  const stream = streamName('order', a.org, 'o-refused');
  const [refusal] = await open(stream);
  expect(refusal).toMatchObject({ kind: 'refused', status: 'parked', org: a.org, eventType: 'OrderRecorded' });
  expect(refusal!.errorCode).toBe('VALIDATION_FAILED');
  expect(refusal!.errorMessage).toMatch(/amount/i); // the decider's field problem, not only "invalid"

  refusing = false; // the rules are corrected; the order's next fact brings it back
  await w.deliver(a.org, recordReturn('o-refused', 'r1', at(ORDERED, HOUR_MS), [{ lineId: 'a', quantity: 1 }]));
  await w.catchUp(loop);
  expect(await types(a.org, 'o-refused')).toEqual(['OrderRecorded', 'OrderReturned', 'AttributionDecided']);
  expect(await open(stream)).toEqual([]);
});
