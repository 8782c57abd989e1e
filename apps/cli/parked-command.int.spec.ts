// Proves the parked CLI against a real database: list (open rows by default, paged, filtered), retry one or all (flags rows for their consumer), skip with who and why (kept and listed), and usage errors.
import { park, type ParkEntry } from '@ledger/projections';
import { createFixture, silentLogger, type Fixture } from '../../libs/projections/src/testing/fixture';
import { runCli } from './cli';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
  const entry = (n: number, consumer: string): ParkEntry => ({
    consumer,
    org: 'acme',
    stream: `order-acme.o${n}`,
    revision: 0n,
    position: { commit: BigInt(1000 + n), prepare: BigInt(n) },
    eventId: `00000000-0000-4000-8000-00000000000${n}`,
    eventType: 'OrderRecorded',
    kind: 'failed',
    errorCode: null,
    errorMessage: `bad ${n}`,
  });
  await park(fx.db, [entry(1, 'orders'), entry(2, 'orders'), entry(3, 'ledger_order_earnings_pm')]);
});
afterAll(async () => {
  await fx.close();
});

async function cli(env: Record<string, string> = {}, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { DATABASE_URL: fx.database.url, ...env }, { out: (l) => out.push(l), err: (l) => err.push(l) }, { logger: silentLogger });
  return { code, out: out.map((l) => JSON.parse(l) as Record<string, unknown>), err: err.join('\n') };
}

it('list shows the open rows oldest first, one JSON line each, filtered and paged', async () => {
  const all = await cli({}, 'parked', 'list');
  expect(all.code).toBe(0);
  expect(all.out.map((r) => [r.consumer, r.stream, r.status, r.kind, r.attempts, r.errorMessage])).toEqual([
    ['orders', 'order-acme.o1', 'parked', 'failed', 1, 'bad 1'],
    ['orders', 'order-acme.o2', 'parked', 'failed', 1, 'bad 2'],
    ['ledger_order_earnings_pm', 'order-acme.o3', 'parked', 'failed', 1, 'bad 3'],
  ]);
  expect(all.out[0]).toMatchObject({ position: '1001-1', revision: '0', eventType: 'OrderRecorded', org: 'acme' });
  expect((await cli({}, 'parked', 'list', '--consumer', 'orders', '--limit', '1')).out.map((r) => r.stream)).toEqual(['order-acme.o1']);
  expect((await cli({}, 'parked', 'list', '--after', String(all.out[0]!.id))).out.length).toBe(2);
});

it('retry flags one row or all for their consumer; skip keeps who and why', async () => {
  const [first] = (await cli({}, 'parked', 'list')).out;
  expect((await cli({}, 'parked', 'retry', String(first!.id))).out).toEqual([{ action: 'retry', target: String(first!.id), requested: 1 }]);
  expect((await cli({}, 'parked', 'list', '--status', 'retry_requested')).out.map((r) => r.id)).toEqual([first!.id]);
  expect((await cli({}, 'parked', 'retry', 'all')).out[0]).toMatchObject({ requested: 2 });

  const skipped = await cli({ LEDGER_OPERATOR: 'ops@acme' }, 'parked', 'skip', String(first!.id), '--reason', 'duplicate of o1b, fixed at the source');
  expect(skipped.code).toBe(0);
  expect(skipped.out[0]).toMatchObject({ action: 'skip', status: 'skipped', skippedBy: 'ops@acme', skipReason: 'duplicate of o1b, fixed at the source' });
  expect((await cli({}, 'parked', 'list', '--status', 'skipped')).out).toEqual([expect.objectContaining({ id: first!.id, skippedBy: 'ops@acme' })]);
  expect((await cli({}, 'parked', 'skip', String(first!.id), '--reason', 'again', '--by', 'me')).code).toBe(3); // no longer open
});

it('refuses a skip without a reason, bad flags and unknown actions with exit code 2', async () => {
  expect((await cli({}, 'parked', 'skip', '2')).code).toBe(2);
  expect((await cli({}, 'parked', 'list', '--status', 'gone')).code).toBe(2);
  expect((await cli({}, 'parked', 'list', '--limit', '501')).code).toBe(2);
  expect((await cli({}, 'parked', 'retry')).code).toBe(2);
  expect((await cli({}, 'parked', 'explode')).code).toBe(2);
});
