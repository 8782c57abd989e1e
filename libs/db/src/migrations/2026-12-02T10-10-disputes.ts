import { sql, type Kysely } from 'kysely';

// Disputes (issue 11 item 3): one row per dispute, keyed (org, dispute_id), folded from its stream.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dispute_case')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('dispute_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('earning_id', 'text')
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('evidence', 'jsonb', (c) => c.notNull())
    .addColumn('respond_by', 'timestamptz')
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('held', 'boolean', (c) => c.notNull())
    .addColumn('resolution', 'jsonb')
    .addColumn('history', 'jsonb', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_commit_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addColumn('last_prepare_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addPrimaryKeyConstraint('dispute_case_pkey', ['org', 'dispute_id'])
    .execute();
  await db.schema.createIndex('dispute_case_org_opened').on('dispute_case').columns(['org', 'opened_at', 'dispute_id']).execute();
  await db.schema.createIndex('dispute_case_org_subject').on('dispute_case').columns(['org', 'subject_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dispute_case').execute();
}
