// Proves migration 2026-12-02T07-10-read-model-org-keys on a database migrated up to the one before it: the
// primary keys of ledger_earning, ledger_earning_transition and audit_stream become (org, id), also on a
// rebuild's archived copy (a rollback by hand must still match the projection's conflict targets), the
// transition index leads with the org, and down restores the id-only keys.
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { createDb } from '../database';
import { createTestDatabase, type TestDatabase } from '../test-database';
import { migrations } from './index';

const BEFORE = '2026-12-02T06-00-http-idempotency-owner';
const THIS = '2026-12-02T07-10-read-model-org-keys';

let database: TestDatabase;
let handle: ReturnType<typeof createDb<any>>;
beforeAll(async () => {
  database = await createTestDatabase('ledger_org_keys');
  handle = createDb<any>(database.url, 2);
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

const provider: MigrationProvider = { getMigrations: async (): Promise<Record<string, Migration>> => migrations };
const migrator = () => new Migrator({ db: handle.db, provider });

async function primaryKey(schema: string, table: string): Promise<string[]> {
  const { rows } = await sql<{ column: string }>`
    select a.attname as column from pg_constraint c
    join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
    join lateral unnest(c.conkey) with ordinality k(attnum, ord) on true
    join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
    where n.nspname = ${schema} and t.relname = ${table} and c.contype = 'p'
    order by k.ord`.execute(handle.db);
  return rows.map((r) => r.column);
}

it('re-keys the live tables and an archived copy by (org, id); down restores the id keys', async () => {
  expect((await migrator().migrateTo(BEFORE)).error).toBeUndefined();
  expect(await primaryKey('public', 'ledger_earning')).toEqual(['earning_id']);
  // A rebuild's archive (libs/projections swapIn) made before this migration.
  await sql`create schema projection_archive_ledger_earning`.execute(handle.db);
  await sql`create table projection_archive_ledger_earning.ledger_earning_transition (like public.ledger_earning_transition including all)`.execute(handle.db);

  expect((await migrator().migrateTo(THIS)).error).toBeUndefined();
  expect(await primaryKey('public', 'ledger_earning')).toEqual(['org', 'earning_id']);
  expect(await primaryKey('public', 'ledger_earning_transition')).toEqual(['org', 'event_id']);
  expect(await primaryKey('public', 'audit_stream')).toEqual(['org', 'stream']);
  expect(await primaryKey('projection_archive_ledger_earning', 'ledger_earning_transition')).toEqual(['org', 'event_id']);
  const { rows } = await sql<{ def: string }>`select indexdef as def from pg_indexes where schemaname = 'public' and indexname = 'ledger_earning_transition_by_earning'`.execute(handle.db);
  expect(rows[0]?.def).toMatch(/\(org, earning_id, commit_position, prepare_position\)/);

  // The key is the pair: one id in two orgs are two rows, the same pair is refused.
  const row = (org: string) => ({ stream: 'influencer-x.1', category: 'influencer', org, event_count: '1', last_revision: '0', last_commit_position: '1', last_prepare_position: '1', last_event_type: 'T', first_recorded_at: '2026-12-02T00:00:00Z', last_recorded_at: '2026-12-02T00:00:00Z' });
  await handle.db.insertInto('audit_stream').values([row('a'), row('b')]).execute();
  await expect(handle.db.insertInto('audit_stream').values(row('a')).execute()).rejects.toThrow(/audit_stream_pk/);
  await handle.db.deleteFrom('audit_stream').where('org', 'in', ['a', 'b']).execute();

  expect((await migrator().migrateTo(BEFORE)).error).toBeUndefined();
  expect(await primaryKey('public', 'ledger_earning')).toEqual(['earning_id']);
  expect(await primaryKey('public', 'audit_stream')).toEqual(['stream']);
  expect(await primaryKey('projection_archive_ledger_earning', 'ledger_earning_transition')).toEqual(['event_id']);
});
