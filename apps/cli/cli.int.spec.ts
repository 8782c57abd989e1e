// Proves the projections CLI against a real database: status, verify (exit 1 on a tampered row), rebuild, and clear usage errors.
import { sql } from 'kysely';
import { auditStreamProjection, ProjectionRunner, ProjectionRegistry } from '@ledger/projections';
import { appendEvents, createFixture, silentLogger, type Fixture } from '../../libs/projections/src/testing/fixture';
import { runCli } from './cli';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
  const last = await appendEvents(fx.eventStore, { count: 25, streams: 4, tag: 'cli' });
  const runner = new ProjectionRunner({ db: fx.db, pool: fx.pool, eventStore: fx.eventStore, projections: [auditStreamProjection], logger: silentLogger, idlePollMs: 10 });
  await runner.start();
  await runner.waitFor(last[last.length - 1]!.position, 10_000);
  await runner.stop();
});
afterAll(async () => {
  await fx.close();
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { DATABASE_URL: fx.database.url }, { out: (l) => out.push(l), err: (l) => err.push(l) }, {
    registry: new ProjectionRegistry([auditStreamProjection]),
    logger: silentLogger,
  });
  return { code, out: out.map((l) => JSON.parse(l) as Record<string, unknown>), err: err.join('\n') };
}

it('status prints one JSON line per projection', async () => {
  const { code, out } = await cli('projections', 'status');
  expect(code).toBe(0);
  expect(out).toEqual([expect.objectContaining({ name: 'audit_stream', lagEvents: 0, running: false, eventsApplied: 25 })]);
  expect(out[0]!.checkpoint).toBe(out[0]!.head);
});

it('verify exits 0 when equal and 1 after a live row is tampered with; rebuild repairs it', async () => {
  expect((await cli('projections', 'verify', 'all')).code).toBe(0);
  await sql`update audit_stream set last_event_type = 'Forged' where stream = 'order-acme.s0'`.execute(fx.db);
  const tampered = await cli('projections', 'verify', 'audit_stream');
  expect(tampered.code).toBe(1);
  expect(tampered.out[0]).toMatchObject({ action: 'verify', projection: 'audit_stream', equal: false });

  const rebuilt = await cli('projections', 'rebuild', 'audit_stream');
  expect(rebuilt.code).toBe(0);
  expect(rebuilt.out[0]).toMatchObject({ action: 'rebuild', projection: 'audit_stream', eventsApplied: 25 });
  expect((await cli('projections', 'verify', 'audit_stream')).code).toBe(0);
});

it('refuses unknown projections, bad commands and a missing DATABASE_URL with exit code 2', async () => {
  const unknown = await cli('projections', 'verify', 'nope');
  expect(unknown.code).toBe(2);
  expect(unknown.err).toMatch(/unknown projection "nope"; known: audit_stream/);
  expect((await cli('projections', 'explode')).code).toBe(2);
  expect((await cli('other')).code).toBe(2);
  const noUrl = await runCli(['projections', 'status'], {}, { out: () => undefined, err: () => undefined });
  expect(noUrl).toBe(2);
});
