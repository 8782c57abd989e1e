// Proves the xid guard and the transaction gauges against real PostgreSQL: a database whose stored transaction ids are
// ahead of the cluster's (as after a restore into a new cluster) is refused at start with one line naming the runbook;
// /metrics exports the oldest transaction's age and how long $all readers have been held back by it.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { loadConfig } from '@ledger/config';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { streamName, XidRegression } from '@ledger/event-store';
import { Logger } from '@ledger/runtime';
import { startRuntime } from '../../apps/main/runtime';
import { startTestApp, type TestApp } from '../support/app';

describe('start-up on a database whose stored transaction ids are ahead of the cluster', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('ledger_xid_guard');
    const handle = createDb<any>(database.url, 1);
    try {
      await migrateToLatest(handle.db);
      // A restored event: written by a transaction id this cluster has not reached (a million ids ahead).
      await handle.pool.query(
        `INSERT INTO es_event (transaction_id, event_id, stream_name, revision, type, data, metadata)
         VALUES (((pg_snapshot_xmax(pg_current_snapshot())::text)::bigint + 1000000)::text::xid8, $1, 'probe-acme.x', 0, 'Restored', '{}', '{}')`,
        [randomUUID()],
      );
    } finally {
      await handle.close();
    }
  });
  afterAll(() => database.drop());

  it('refuses to start, in one line that says what happened and where to read what to do', async () => {
    const config = loadConfig({ DATABASE_URL: database.url, AUTH_JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' });
    const started = startRuntime(config, { runProjections: false, logger: Logger.create({ level: 'silent' }) });
    await expect(started).rejects.toBeInstanceOf(XidRegression);
    const error = (await started.catch((e: unknown) => e)) as XidRegression;
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(/stored transaction ids reach \d+ but this cluster's next id is \d+ .*docs\/runbooks\/xid-regression\.md/);
    expect(error.storedMax).toBeGreaterThan(error.clusterNext);
  });

  it('starts once the runbook\'s repair has been applied (the counter is past the stored ids)', async () => {
    // Stand-in for the runbook's repair on a test cluster: renumber the stored rows below the counter.
    const client = new Client(database.url);
    await client.connect();
    try {
      await client.query(`UPDATE es_event SET transaction_id = '1'::xid8`);
    } finally {
      await client.end();
    }
    const config = loadConfig({ DATABASE_URL: database.url, AUTH_JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' });
    const started = await startRuntime(config, { runProjections: false, logger: Logger.create({ level: 'silent' }) });
    await started.stop();
  });
});

describe('/metrics: transaction ages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ runProjections: false });
  });
  afterAll(() => t.close());

  const gauge = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
  const scrape = async () => (await request(t.server).get('/metrics').expect(200)).text;
  const append = () =>
    t.eventStore.append(streamName('probe', 'acme', randomUUID()), [{ id: randomUUID(), type: 'ProbeNoted', data: {}, metadata: { org: 'acme' } as never }], {
      expectedRevision: 'no_stream',
    });

  it('shows a transaction holding back $all, and how long it has done so', async () => {
    const blocker = new Client(t.dbUrl);
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()'); // takes an id: every later commit sorts after it
      await append(); // committed, but invisible to $all while the blocker runs
      const held = await scrape();
      expect(gauge(held, 'ledger_db_oldest_transaction_age_seconds')).toBeGreaterThan(0);
      expect(gauge(held, 'ledger_event_store_all_reader_wait_seconds')).toBeGreaterThan(0);
      await blocker.query('COMMIT');
    } finally {
      await blocker.end();
    }
  });
});
