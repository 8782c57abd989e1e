// Proves Idempotency-Key ownership on real PostgreSQL: only the request holding a claim completes or releases it; a
// claim taken over after it went stale cannot be overwritten or deleted by its former owner.
import { sql, type Kysely } from 'kysely';
import { createDb, createTestDatabase, migrateToLatest, type DbHandle, type TestDatabase } from '@ledger/db';
import { LIMITS } from '@ledger/kernel';
import type { HttpIdempotencyPartialDB } from './http-idempotency.table';
import { IdempotencyStore } from './idempotency.store';

let database: TestDatabase;
let handle: DbHandle<HttpIdempotencyPartialDB>;
let db: Kysely<HttpIdempotencyPartialDB>;
let store: IdempotencyStore;

beforeAll(async () => {
  database = await createTestDatabase('http_idempotency_owner');
  handle = createDb<HttpIdempotencyPartialDB>(database.url, 2);
  db = handle.db;
  await migrateToLatest(db as never);
  store = new IdempotencyStore(db);
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

/** As if LIMITS.http.idempotencyPendingStaleMs had passed since the claim. */
const makeStale = (key: string) =>
  sql`update http_idempotency set created_at = now() - make_interval(secs => ${LIMITS.http.idempotencyPendingStaleMs / 1000 + 60}) where key = ${key}`.execute(db);
const row = (key: string) => db.selectFrom('http_idempotency').selectAll().where('org', '=', 'acme').where('key', '=', key).executeTakeFirst();

it('a fresh pending claim is not taken over; a stale one is', async () => {
  expect(await store.claim('acme', 'k1', 'h', 'owner-a')).toEqual({ won: true });
  expect(await store.claim('acme', 'k1', 'h', 'owner-b')).toMatchObject({ won: false });
  await makeStale('k1');
  expect(await store.claim('acme', 'k1', 'h', 'owner-b')).toEqual({ won: true });
  expect((await row('k1'))?.owner).toBe('owner-b');
});

it('the former owner can neither complete nor release; the new owner completes', async () => {
  await store.claim('acme', 'k2', 'h', 'slow');
  await makeStale('k2');
  await store.claim('acme', 'k2', 'h', 'fresh');
  expect(await store.release('acme', 'k2', 'slow')).toBe(false);
  expect(await store.complete('acme', 'k2', 'slow', 201, { id: 'slow' })).toBe(false);
  expect((await row('k2'))?.state).toBe('pending');
  expect(await store.complete('acme', 'k2', 'fresh', 201, { id: 'fresh' })).toBe(true);
  expect(await store.complete('acme', 'k2', 'slow', 201, { id: 'slow' })).toBe(false);
  expect(await row('k2')).toMatchObject({ state: 'completed', status: 201, response: { id: 'fresh' } });
});

it('the owner releases its own claim, once; a completed answer is never released', async () => {
  await store.claim('acme', 'k3', 'h', 'me');
  expect(await store.release('acme', 'k3', 'me')).toBe(true);
  expect(await row('k3')).toBeUndefined();
  await store.claim('acme', 'k4', 'h', 'me');
  await store.complete('acme', 'k4', 'me', 200, {});
  expect(await store.release('acme', 'k4', 'me')).toBe(false);
  expect((await row('k4'))?.state).toBe('completed');
});
