import { sql, type Kysely } from 'kysely';

// HTTP edge: Idempotency-Key records. One row per (org, key); 'pending' while the first
// request runs (so a concurrent duplicate cannot run too), then its status and answer.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('http_idempotency')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'completed')`))
    .addColumn('status', 'integer')
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .addPrimaryKeyConstraint('http_idempotency_pk', ['org', 'key'])
    .addCheckConstraint('http_idempotency_completed_has_status', sql`state = 'pending' or status is not null`)
    .execute();
  // Retention purge scans by age.
  await db.schema.createIndex('http_idempotency_created_at').on('http_idempotency').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('http_idempotency').execute();
}
