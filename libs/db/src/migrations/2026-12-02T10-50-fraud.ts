import { type Kysely } from 'kysely';

// Fraud (ADR 0015): the fraud process manager's record of each code's attributed orders (velocity), the
// fraud_flag read model (fraud/flag/list), and the reward queue read model (reward/queue, seed 004) with
// the side tables its events need (an order's customer and basis, a flag's earnings, a dispute's earning,
// a batch's approval). Keys start with org; ids are text (a malformed id is a 404, never a cast error).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fraud_code_use')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('fraud_code_use_pk', ['org', 'code', 'order_id'])
    .execute();
  await db.schema.createIndex('fraud_code_use_window').on('fraud_code_use').columns(['org', 'code', 'occurred_at']).execute();

  // The process manager's own record of whose earnings each checked order accrued: what a flag on an influencer
  // holds besides the flagged order's (exact in $all order, unlike a read model).
  await db.schema
    .createTable('fraud_influencer_earning')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('earning_id', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('fraud_influencer_earning_pk', ['org', 'earning_id'])
    .execute();
  await db.schema.createIndex('fraud_influencer_earning_by_influencer').on('fraud_influencer_earning').columns(['org', 'influencer_id', 'occurred_at']).execute();

  // The process manager's open flags per influencer: while one is open, the influencer's new earnings are held too.
  await db.schema
    .createTable('fraud_open_flag')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('flag_id', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fraud_open_flag_pk', ['org', 'flag_id'])
    .execute();
  await db.schema.createIndex('fraud_open_flag_by_influencer').on('fraud_open_flag').columns(['org', 'influencer_id']).execute();

  await db.schema
    .createTable('fraud_flag')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('flag_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('evidence', 'jsonb', (c) => c.notNull())
    .addColumn('earning_ids', 'jsonb', (c) => c.notNull())
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('reason_code', 'text')
    .addColumn('note', 'text')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_role', 'text')
    .addColumn('last_revision', 'bigint', (c) => c.notNull())
    .addColumn('last_commit_position', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('last_prepare_position', 'numeric(20, 0)', (c) => c.notNull())
    .addPrimaryKeyConstraint('fraud_flag_pk', ['org', 'flag_id'])
    .execute();
  await db.schema.createIndex('fraud_flag_org_raised').on('fraud_flag').columns(['org', 'raised_at', 'flag_id']).execute();
  await db.schema.createIndex('fraud_flag_org_influencer').on('fraud_flag').columns(['org', 'influencer_id', 'raised_at']).execute();

  await db.schema
    .createTable('reward_candidate')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('earning_id', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('clawed_back_minor', 'bigint', (c) => c.notNull())
    .addColumn('paid_minor', 'bigint', (c) => c.notNull())
    .addColumn('earning_state', 'text', (c) => c.notNull())
    .addColumn('hold_kind', 'text')
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('rules_version', 'integer', (c) => c.notNull())
    .addColumn('flag_ids', 'jsonb', (c) => c.notNull())
    .addColumn('open_flag_ids', 'jsonb', (c) => c.notNull())
    .addColumn('dispute', 'jsonb')
    .addColumn('batch_id', 'text')
    .addColumn('approval', 'jsonb')
    .addColumn('payout_id', 'text')
    .addColumn('paid_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_commit_position', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('last_prepare_position', 'numeric(20, 0)', (c) => c.notNull())
    .addPrimaryKeyConstraint('reward_candidate_pk', ['org', 'earning_id'])
    .execute();
  await db.schema.createIndex('reward_candidate_org_occurred').on('reward_candidate').columns(['org', 'occurred_at', 'earning_id']).execute();
  await db.schema.createIndex('reward_candidate_org_status').on('reward_candidate').columns(['org', 'status', 'occurred_at', 'earning_id']).execute();
  await db.schema.createIndex('reward_candidate_org_order').on('reward_candidate').columns(['org', 'order_id']).execute();
  await db.schema.createIndex('reward_candidate_org_batch').on('reward_candidate').columns(['org', 'batch_id']).execute();

  await db.schema
    .createTable('reward_order')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('customer_ref', 'text')
    .addColumn('order_occurred_at', 'timestamptz')
    .addColumn('basis', 'jsonb')
    .addColumn('fraud_check', 'jsonb')
    .addPrimaryKeyConstraint('reward_order_pk', ['org', 'order_id'])
    .execute();
  await db.schema
    .createTable('reward_flag')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('flag_id', 'text', (c) => c.notNull())
    .addColumn('earning_ids', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('reward_flag_pk', ['org', 'flag_id'])
    .execute();
  await db.schema
    .createTable('reward_dispute')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('dispute_id', 'text', (c) => c.notNull())
    .addColumn('earning_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reward_dispute_pk', ['org', 'dispute_id'])
    .execute();
  await db.schema
    .createTable('reward_batch')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('approval', 'jsonb')
    .addPrimaryKeyConstraint('reward_batch_pk', ['org', 'batch_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['reward_batch', 'reward_dispute', 'reward_flag', 'reward_order', 'reward_candidate', 'fraud_flag', 'fraud_open_flag', 'fraud_influencer_earning', 'fraud_code_use']) await db.schema.dropTable(table).execute();
}
