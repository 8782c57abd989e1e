// Proves PostgresEventStore meets the EventStore contract: the conformance suite on a fresh, migrated real database.
import { createDb, createTestDatabase, migrateToLatest } from '@ledger/db';
import { describeEventStoreConformance } from '../conformance/event-store.conformance';
import { PostgresEventStore } from './postgres-event-store';

describeEventStoreConformance('postgres', async () => {
  const database = await createTestDatabase();
  const handle = createDb<unknown>(database.url);
  await migrateToLatest(handle.db);
  return {
    store: new PostgresEventStore(handle.pool),
    cleanup: async () => {
      await handle.close();
      await database.drop();
    },
  };
});
