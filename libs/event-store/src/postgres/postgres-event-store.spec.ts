// Proves PostgresEventStore meets the EventStore contract: the conformance suite on a fresh, migrated real
// database — once as configured (one-stream calls through es_append_one, ADR 0006) and once with every call
// through es_append, so that both append functions are held to the same contract.
import { createDb, createTestDatabase, migrateToLatest } from '@ledger/db';
import { describeEventStoreConformance } from '../conformance/event-store.conformance';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';

const subject = (options: PostgresEventStoreOptions) => async () => {
  const database = await createTestDatabase();
  const handle = createDb<unknown>(database.url);
  await migrateToLatest(handle.db);
  return {
    store: new PostgresEventStore(handle.pool, options),
    cleanup: async () => {
      await handle.close();
      await database.drop();
    },
  };
};

describeEventStoreConformance('postgres', subject({}));
describeEventStoreConformance('postgres, every call through es_append', subject({ oneStreamFunction: false }));
