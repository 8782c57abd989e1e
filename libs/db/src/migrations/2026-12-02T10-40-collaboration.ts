import { sql, type Kysely } from 'kysely';

// Applications (programs), comments and inbox items (collaboration): one row per stream, keyed by
// org + the stream's id, remembering the revision and $all position it last applied (a replayed
// event changes nothing). Ids are text: a caller's malformed id is a 404, never a cast error.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('program_application')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('applied', 'approved', 'rejected')`))
    .addColumn('influencer_id', 'text')
    .addColumn('code', 'text')
    .addColumn('reason_code', 'text')
    .addColumn('note', 'text')
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'text')
    .addColumn('last_revision', 'bigint', (c) => c.notNull())
    .addColumn('last_commit_position', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('last_prepare_position', 'numeric(20, 0)', (c) => c.notNull())
    .addPrimaryKeyConstraint('program_application_pk', ['org', 'application_id'])
    .execute();
  // application/list: newest first, keyset on (submitted_at, application_id), often by status (the queue).
  await db.schema.createIndex('program_application_org_submitted').on('program_application').columns(['org', 'submitted_at', 'application_id']).execute();
  await db.schema.createIndex('program_application_org_status_submitted').on('program_application').columns(['org', 'status', 'submitted_at', 'application_id']).execute();

  await db.schema
    .createTable('collab_comment')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attachments', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'resolved', 'hidden')`))
    .addColumn('revisions', 'jsonb', (c) => c.notNull())
    .addColumn('reports', 'jsonb', (c) => c.notNull())
    .addColumn('posted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_revision', 'bigint', (c) => c.notNull())
    .addColumn('last_commit_position', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('last_prepare_position', 'numeric(20, 0)', (c) => c.notNull())
    .addPrimaryKeyConstraint('collab_comment_pk', ['org', 'comment_id'])
    .execute();
  // comment/list { subject }: oldest first within a subject, keyset on (posted_at, comment_id).
  await db.schema.createIndex('collab_comment_org_subject_posted').on('collab_comment').columns(['org', 'subject_kind', 'subject_id', 'posted_at', 'comment_id']).execute();

  await db.schema
    .createTable('collab_inbox_item')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('inbox_item_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('roles', sql`text[]`, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('unread', 'read', 'archived')`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'in_progress', 'done')`))
    .addColumn('cause', 'jsonb')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_revision', 'bigint', (c) => c.notNull())
    .addColumn('last_commit_position', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('last_prepare_position', 'numeric(20, 0)', (c) => c.notNull())
    .addPrimaryKeyConstraint('collab_inbox_item_pk', ['org', 'inbox_item_id'])
    .execute();
  // inbox/list: newest first, keyset on (created_at, inbox_item_id); roles filtered by overlap (GIN).
  await db.schema.createIndex('collab_inbox_item_org_created').on('collab_inbox_item').columns(['org', 'created_at', 'inbox_item_id']).execute();
  await sql`create index collab_inbox_item_roles on collab_inbox_item using gin (roles)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('collab_inbox_item').ifExists().execute();
  await db.schema.dropTable('collab_comment').ifExists().execute();
  await db.schema.dropTable('program_application').ifExists().execute();
}
