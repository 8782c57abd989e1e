// Child process for kill-mid-batch.int.spec.ts: runs one slow counting projection until SIGTERM
// (then drains and exits 0) or SIGKILL (the point of the test).
import { createDb } from '@ledger/db';
import { PostgresEventStore } from '@ledger/event-store';
import { ProjectionRunner } from '../projection-runner';
import { countingProjection, silentLogger } from './fixture';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const table = process.env.PROJECTION_TABLE;
  if (!url || !table) throw new Error('DATABASE_URL and PROJECTION_TABLE are required');
  const { pool, db } = createDb<any>(url, 5);
  const eventStore = new PostgresEventStore(pool);
  const runner = new ProjectionRunner({
    db,
    pool,
    eventStore,
    projections: [countingProjection({ name: table, sleepPerEventMs: 15 })],
    batchEvents: Number(process.env.BATCH_EVENTS ?? 10),
    idlePollMs: 20,
    logger: silentLogger,
  });
  process.once('SIGTERM', () => {
    void runner
      .stop()
      .then(() => db.destroy())
      .then(() => process.exit(0));
  });
  await runner.start();
  process.stdout.write('started\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(2);
});
