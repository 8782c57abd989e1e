import { sql, type Kysely } from 'kysely';

// Governance read model: every grant of an org (the EFFECTIVE_ROLES lookup and grant/list read it).
// Keyed by org + grant id; creation position orders grant/list (newest first). Ids are text, not uuid:
// a caller's malformed id must be a 404, never a cast error.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('governance_grant')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz')
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'text')
    .addColumn('revoke_reason_code', 'text')
    .addColumn('created_commit_position', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('created_prepare_position', 'numeric(20, 0)', (c) => c.notNull())
    .addPrimaryKeyConstraint('governance_grant_pk', ['org', 'grant_id'])
    .addCheckConstraint('governance_grant_interval', sql`valid_until is null or valid_until > valid_from`)
    .execute();
  // The effective-roles lookup: an actor's grants that are not revoked.
  await db.schema.createIndex('governance_grant_actor').on('governance_grant').columns(['org', 'actor_id']).where(sql.ref('revoked_at'), 'is', null).execute();
  // grant/list: newest first, keyset on the creation position.
  await db.schema.createIndex('governance_grant_org_created').on('governance_grant').columns(['org', 'created_commit_position', 'created_prepare_position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('governance_grant').execute();
}
