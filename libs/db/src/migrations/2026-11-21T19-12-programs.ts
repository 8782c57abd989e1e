import { sql, type Kysely } from 'kysely';

// Programs read models: campaigns (+ every rules version), campaign costs, influencer profiles, codes.
// Rows are keyed by org + the id of their stream's subject; each remembers the stream revision and the
// $all position it last applied, so a replayed event (revision not above the stored one) changes nothing.
// Ids are text, not uuid: a caller's malformed id must be a 404, never a cast error.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('program_campaign')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'active', 'paused', 'closed')`))
    .addColumn('rules_version', 'integer', (c) => c.notNull())
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('rules_effective_from', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('activated_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('status_changed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status_history', 'jsonb', (c) => c.notNull())
    .addColumn('last_revision', 'bigint', (c) => c.notNull())
    .addColumn('last_commit_position', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('last_prepare_position', 'numeric(20, 0)', (c) => c.notNull())
    .addPrimaryKeyConstraint('program_campaign_pk', ['org', 'campaign_id'])
    .execute();
  // campaign/list: newest first, keyset on (created_at, campaign_id).
  await db.schema.createIndex('program_campaign_org_created').on('program_campaign').columns(['org', 'created_at', 'campaign_id']).execute();

  await db.schema
    .createTable('program_campaign_rules_version')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('rules_version', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'timestamptz', (c) => c.notNull())
    .addColumn('renamed_to', 'text')
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('commit_position', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('prepare_position', 'numeric(20, 0)', (c) => c.notNull())
    .addPrimaryKeyConstraint('program_campaign_rules_version_pk', ['org', 'campaign_id', 'rules_version'])
    .execute();

  await db.schema
    .createTable('program_campaign_cost')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('cost_id', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('note', 'text')
    .addColumn('incurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('commit_position', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('prepare_position', 'numeric(20, 0)', (c) => c.notNull())
    .addPrimaryKeyConstraint('program_campaign_cost_pk', ['org', 'campaign_id', 'cost_id'])
    .execute();

  await db.schema
    .createTable('program_influencer')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('customer_refs', 'jsonb', (c) => c.notNull())
    .addColumn('tier', 'text')
    .addColumn('parent_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'suspended', 'terminated')`))
    .addColumn('status_reason', 'text')
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status_changed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_revision', 'bigint', (c) => c.notNull())
    .addColumn('last_commit_position', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('last_prepare_position', 'numeric(20, 0)', (c) => c.notNull())
    .addPrimaryKeyConstraint('program_influencer_pk', ['org', 'influencer_id'])
    .execute();
  await db.schema.createIndex('program_influencer_org_registered').on('program_influencer').columns(['org', 'registered_at', 'influencer_id']).execute();
  await db.schema.createIndex('program_influencer_org_parent').on('program_influencer').columns(['org', 'parent_id']).execute();

  await db.schema
    .createTable('program_code')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('code_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('coupon', 'link', 'qr', 'in_store')`))
    .addColumn('discount', 'jsonb')
    .addColumn('channels', 'jsonb')
    .addColumn('valid_from', 'timestamptz')
    .addColumn('valid_until', 'timestamptz')
    .addColumn('active', 'boolean', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deactivated_at', 'timestamptz')
    .addColumn('deactivation_reason', 'text')
    .addColumn('last_revision', 'bigint', (c) => c.notNull())
    .addColumn('last_commit_position', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('last_prepare_position', 'numeric(20, 0)', (c) => c.notNull())
    .addPrimaryKeyConstraint('program_code_pk', ['org', 'code_id'])
    .addUniqueConstraint('program_code_org_code', ['org', 'code'])
    .execute();
  await db.schema.createIndex('program_code_org_issued').on('program_code').columns(['org', 'issued_at', 'code_id']).execute();
  await db.schema.createIndex('program_code_org_campaign').on('program_code').columns(['org', 'campaign_id']).execute();
  await db.schema.createIndex('program_code_org_influencer').on('program_code').columns(['org', 'influencer_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['program_code', 'program_influencer', 'program_campaign_cost', 'program_campaign_rules_version', 'program_campaign']) {
    await db.schema.dropTable(table).execute();
  }
}
