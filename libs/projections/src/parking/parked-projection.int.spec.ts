// Proves a poison event parks instead of blocking, on real PostgreSQL with the real runner: a projection that throws on one event still applies every other org's and stream's events, the poison and the later events of its stream are parked (failed, then blocked), a retry after the fix applies them in stream order and verify finds the live tables equal to a replay; a skip unblocks the rest of its stream; transient errors (connection loss, serialization failure) are retried, never parked. Waits are on appended positions or parked rows (bounded polls, no sleeps).
import { sql } from 'kysely';
import { deterministicId } from '@ledger/kernel';
import { streamName, type AppendResult, type EventStore, type NewEvent } from '@ledger/event-store';
import { ProjectionRunner } from '../projection-runner';
import { verifyProjection } from '../rebuild';
import type { Projection } from '../projection';
import { createCountingTable, createFixture, eventually, SETTLE_MS, silentLogger, type Fixture } from '../testing/fixture';
import { listParked, requestRetry, skipParked } from './parked-events';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});
afterAll(async () => {
  await fx.close();
});

function event(org: string, ref: string): NewEvent {
  return { id: deterministicId(org, 'test', ref, 'OrderRecorded'), type: 'OrderRecorded', data: { ref }, metadata: { org, actorId: 'test', correlationId: ref, schemaVersion: 1, occurredAt: '2026-01-01T00:00:00Z' } };
}

async function append(store: EventStore, org: string, id: string, ref: string): Promise<AppendResult> {
  return store.append(streamName('order', org, id), [event(org, ref)], { expectedRevision: 'any' });
}

/** Records each event (like countingProjection) and throws on the refs `failing` names, as a projection with a bug would. */
function pickyProjection(name: string, failing: (ref: string) => Error | null): Projection {
  return {
    name,
    tables: [name],
    filter: { streamPrefixes: ['order-'] },
    async apply(trx, events) {
      for (const e of events) {
        const error = failing((e.data as { ref: string }).ref);
        if (error) throw error;
        await sql`insert into ${sql.id(name)} (event_id, stream) values (${e.id}, ${e.stream})
                  on conflict (event_id) do update set applied = ${sql.id(name)}.applied + 1`.execute(trx);
      }
    },
  };
}

async function appliedRefs(table: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ event_id: string; applied: number }>`select event_id::text, applied from ${sql.id(table)}`.execute(fx.db);
  return new Map(rows.map((r) => [r.event_id, r.applied]));
}

function runner(projection: Projection, batchEvents = 50): ProjectionRunner {
  return new ProjectionRunner({ db: fx.db, pool: fx.pool, eventStore: fx.eventStore, projections: [projection], logger: silentLogger, idlePollMs: 10, batchEvents });
}

it('parks the poison and what follows it in its stream; every other org and stream goes on; a retry after the fix applies them in order; verify is equal', async () => {
  let broken = true;
  const projection = pickyProjection('picky_a', (ref) => (broken && ref === 'poison' ? new Error('cannot apply year 0000') : null));
  await createCountingTable(fx.db, projection.name);
  await append(fx.eventStore, 'acme', 'o1', 'before');
  await append(fx.eventStore, 'acme', 'o2', 'poison');
  await append(fx.eventStore, 'globex', 'o9', 'other-org');
  await append(fx.eventStore, 'acme', 'o2', 'after-poison'); // same stream: must wait behind the poison
  const last = await append(fx.eventStore, 'acme', 'o3', 'after');
  const r = runner(projection, 3); // batches split the events: the poison's batch and later ones
  await r.start();
  try {
    expect(await r.waitFor(last.position, SETTLE_MS)).toBe(true);
    const applied = await appliedRefs(projection.name);
    const id = (org: string, ref: string) => deterministicId(org, 'test', ref, 'OrderRecorded');
    expect([...applied.keys()].sort()).toEqual([id('acme', 'before'), id('globex', 'other-org'), id('acme', 'after')].sort());
    const parked = await listParked(fx.db, { consumer: projection.name });
    expect(parked.map((p) => ({ kind: p.kind, status: p.status, eventId: p.eventId, org: p.org, stream: p.stream }))).toEqual([
      { kind: 'failed', status: 'parked', eventId: id('acme', 'poison'), org: 'acme', stream: 'order-acme.o2' },
      { kind: 'blocked', status: 'parked', eventId: id('acme', 'after-poison'), org: 'acme', stream: 'order-acme.o2' },
    ]);
    expect(parked[0]).toMatchObject({ errorMessage: 'cannot apply year 0000', attempts: 1, eventType: 'OrderRecorded' });
    expect(parked[0]!.position).not.toBeNull();
    expect((await r.status()).find((s) => s.name === projection.name)?.parked).toBe(2);
    expect(await r.parked()).toEqual([{ consumer: projection.name, parked: 2 }]);

    // A retry while still broken: parked again, attempts + 1, the follower still behind it.
    expect(await requestRetry(fx.db, { id: parked[0]!.id })).toBe(1);
    await eventually(async () => (await listParked(fx.db, { consumer: projection.name })).some((p) => p.attempts === 2 && p.status === 'parked'), SETTLE_MS);
    expect((await appliedRefs(projection.name)).has(id('acme', 'after-poison'))).toBe(false);

    broken = false; // the fix is deployed
    expect(await requestRetry(fx.db, 'all')).toBe(2);
    await eventually(async () => (await listParked(fx.db, { consumer: projection.name })).length === 0, SETTLE_MS);
    const after = await appliedRefs(projection.name);
    expect(after.get(id('acme', 'poison'))).toBe(1);
    expect(after.get(id('acme', 'after-poison'))).toBe(1);
    expect((await listParked(fx.db, { consumer: projection.name, statuses: ['resolved'] })).map((p) => p.kind)).toEqual(['failed', 'blocked']);
  } finally {
    await r.stop();
  }
  const report = await verifyProjection({ db: fx.db, pool: fx.pool, eventStore: fx.eventStore, logger: silentLogger }, projection);
  expect(report.equal).toBe(true);
});

it('a skip gives up on the poison with who and why, and lets the rest of its stream through; verify leaves the skipped event out', async () => {
  const projection = pickyProjection('picky_b', (ref) => (ref === 'poison-b' ? new Error('never applies') : null));
  await createCountingTable(fx.db, projection.name);
  await append(fx.eventStore, 'acme', 'b1', 'poison-b');
  const last = await append(fx.eventStore, 'acme', 'b1', 'after-b');
  const r = runner(projection);
  await r.start();
  try {
    expect(await r.waitFor(last.position, SETTLE_MS)).toBe(true);
    const [poison] = await listParked(fx.db, { consumer: projection.name, kinds: ['failed'] });
    const skipped = await skipParked(fx.db, poison!.id, 'bad data from SCM, re-sent as o1-fix', 'ops@acme');
    expect(skipped).toMatchObject({ status: 'skipped', skipReason: 'bad data from SCM, re-sent as o1-fix', skippedBy: 'ops@acme' });
    await eventually(async () => (await listParked(fx.db, { consumer: projection.name })).length === 0, SETTLE_MS);
    expect((await appliedRefs(projection.name)).get(deterministicId('acme', 'test', 'after-b', 'OrderRecorded'))).toBe(1);
    expect(await r.parked()).toEqual([]); // nothing open anywhere: /health is ready again
  } finally {
    await r.stop();
  }
  expect((await verifyProjection({ db: fx.db, pool: fx.pool, eventStore: fx.eventStore, logger: silentLogger }, projection)).equal).toBe(true);
});

it('transient errors are retried with backoff, never parked', async () => {
  let failuresLeft = 4;
  const transient = () => {
    failuresLeft -= 1;
    const lost = new Error('terminating connection due to administrator command');
    return Object.assign(lost, { code: failuresLeft % 2 === 0 ? '57P01' : '40001' });
  };
  const projection = pickyProjection('picky_c', (ref) => (ref === 'flaky' && failuresLeft > 0 ? transient() : null));
  await createCountingTable(fx.db, projection.name);
  const last = await append(fx.eventStore, 'acme', 'c1', 'flaky');
  const r = runner(projection);
  await r.start();
  try {
    expect(await r.waitFor(last.position, SETTLE_MS)).toBe(true);
    expect(failuresLeft).toBe(0);
    expect((await appliedRefs(projection.name)).get(deterministicId('acme', 'test', 'flaky', 'OrderRecorded'))).toBe(1);
    expect(await listParked(fx.db, { consumer: projection.name, statuses: ['parked', 'retry_requested', 'resolved', 'skipped'] })).toEqual([]);
  } finally {
    await r.stop();
  }
});
