// Proves the audit_stream read model on real PostgreSQL: one row per stream with count, last event and times; re-applying old or duplicated events changes nothing.
import { sql } from 'kysely';
import { ProjectionRunner } from '../projection-runner';
import { createFixture, silentLogger, testEvent, type Fixture } from '../testing/fixture';
import { auditStreamProjection } from './audit-stream.projection';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});
afterAll(async () => {
  await fx.close();
});

async function rows() {
  const { rows } = await sql<Record<string, unknown>>`
    select stream, category, org, event_count::int, last_revision::int, last_event_type,
           last_commit_position::text || '-' || last_prepare_position::text as last_position,
           first_recorded_at <= last_recorded_at as ordered
    from audit_stream order by stream`.execute(fx.db);
  return rows;
}

it('keeps one row per stream, and replays of old events change nothing', async () => {
  await fx.eventStore.append('order-acme-eu.o1', [testEvent('OrderRecorded', 'a1'), testEvent('OrderReturned', 'a2')], { expectedRevision: 'no_stream' });
  await fx.eventStore.append('influencer-acme.i1', [testEvent('CodeIssued', 'b1')], { expectedRevision: 'no_stream' });
  const last = await fx.eventStore.append('order-acme-eu.o1', [testEvent('OrderCancelled', 'a3')], { expectedRevision: 1n });

  const runner = new ProjectionRunner({ db: fx.db, pool: fx.pool, eventStore: fx.eventStore, projections: [auditStreamProjection], logger: silentLogger, idlePollMs: 10, batchEvents: 2 });
  await runner.start();
  try {
    expect(await runner.waitFor(last.position, 10_000)).toBe(true);
  } finally {
    await runner.stop();
  }
  const expected = [
    { stream: 'influencer-acme.i1', category: 'influencer', org: 'acme', event_count: 1, last_revision: 0, last_event_type: 'CodeIssued', ordered: true },
    {
      stream: 'order-acme-eu.o1',
      category: 'order',
      org: 'acme', // from the event metadata, not parsed out of the name
      event_count: 3,
      last_revision: 2,
      last_event_type: 'OrderCancelled',
      last_position: `${last.position.commit}-${last.position.prepare}`,
      ordered: true,
    },
  ];
  expect(await rows()).toMatchObject(expected);

  // Replaying every event again (as a duplicated delivery or an overlapping batch would) is a no-op.
  const all = await fx.eventStore.readAll({ after: null, maxCount: 100 });
  await fx.db.transaction().execute((trx) => auditStreamProjection.apply(trx, all.slice(0, 2)));
  await fx.db.transaction().execute((trx) => auditStreamProjection.apply(trx, [...all, ...all]));
  expect(await rows()).toMatchObject(expected);
});
