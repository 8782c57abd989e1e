// Proves each test file gets its own real PostgreSQL database and that it is dropped afterwards.
import { Client } from 'pg';
import { adminUrl, createTestDatabase } from './test-database';

it('creates and drops a fresh database', async () => {
  const db = await createTestDatabase();
  const client = new Client(db.url);
  await client.connect();
  expect((await client.query('select current_database() as name')).rows[0].name).toBe(db.name);
  await client.end();
  await db.drop();
  const admin = new Client(adminUrl());
  await admin.connect();
  const left = await admin.query('select 1 from pg_database where datname = $1', [db.name]);
  await admin.end();
  expect(left.rowCount).toBe(0);
});
