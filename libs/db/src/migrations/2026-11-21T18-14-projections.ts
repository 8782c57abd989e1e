import { sql, type Kysely } from 'kysely';

// Projection runtime: one checkpoint row per projection, and the audit_stream read model.
// Positions are numeric(20,0): a PostgreSQL xid8 or an EventStoreDB commit position is an
// unsigned 64-bit number, beyond bigint's range, and must be stored exactly.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projection_checkpoint')
    .addColumn('name', 'text', (c) => c.primaryKey())
    // Both null: nothing applied yet (read from the start of $all).
    .addColumn('commit_position', sql`numeric(20,0)`)
    .addColumn('prepare_position', sql`numeric(20,0)`)
    .addColumn('events_applied', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('projection_checkpoint_position_pair', sql`(commit_position is null) = (prepare_position is null)`)
    .execute();

  await db.schema
    .createTable('audit_stream')
    .addColumn('stream', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('event_count', 'bigint', (c) => c.notNull())
    .addColumn('last_revision', 'bigint', (c) => c.notNull())
    .addColumn('last_commit_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addColumn('last_prepare_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addColumn('last_event_type', 'text', (c) => c.notNull())
    .addColumn('first_recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_stream_by_org_category').on('audit_stream').columns(['org', 'category', 'stream']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_stream').execute();
  await db.schema.dropTable('projection_checkpoint').execute();
}
