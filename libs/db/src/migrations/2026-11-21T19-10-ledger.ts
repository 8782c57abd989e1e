import { sql, type Kysely } from 'kysely';

// Ledger read models (projection `ledger_earning`, libs/ledger/src/read-models/earning-ledger).
// Frozen: change them with a new migration. Rows are keyed by source reference (earning id,
// transition event id, org + order id) and remember the last $all position applied, so a
// replayed or duplicated event changes nothing. No column takes now(): a rebuild must produce
// the same rows (checksum) as the live tables.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per earning (order × influencer × level), with its balance buckets.
  await db.schema
    .createTable('ledger_earning')
    .addColumn('earning_id', 'uuid', (c) => c.primaryKey())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'held', 'payable', 'paid', 'clawed_back')`))
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('clawed_back_minor', 'bigint', (c) => c.notNull())
    .addColumn('paid_minor', 'bigint', (c) => c.notNull())
    // Buckets (bucketsOf): pending + held + payable + paid + clawed back = amount.
    .addColumn('pending_minor', 'bigint', (c) => c.notNull())
    .addColumn('held_minor', 'bigint', (c) => c.notNull())
    .addColumn('payable_minor', 'bigint', (c) => c.notNull())
    .addColumn('hold_kind', 'text')
    .addColumn('hold_reason_code', 'text')
    .addColumn('hold_until', 'timestamptz')
    .addColumn('rules_version', 'integer', (c) => c.notNull())
    .addColumn('calculation', 'jsonb', (c) => c.notNull())
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('refs', 'jsonb', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_commit_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addColumn('last_prepare_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addCheckConstraint(
      'ledger_earning_conserved',
      sql`pending_minor + held_minor + payable_minor + paid_minor + clawed_back_minor = amount_minor`,
    )
    .execute();
  // earning/list (newest first, keyset on occurred_at, earning_id) per influencer, per org.
  await db.schema.createIndex('ledger_earning_by_influencer').on('ledger_earning').columns(['org', 'influencer_id', 'occurred_at', 'earning_id']).execute();
  await db.schema.createIndex('ledger_earning_by_org').on('ledger_earning').columns(['org', 'occurred_at', 'earning_id']).execute();
  await db.schema.createIndex('ledger_earning_by_order').on('ledger_earning').columns(['org', 'order_id']).execute();
  await db.schema.createIndex('ledger_earning_by_campaign').on('ledger_earning').columns(['org', 'campaign_id', 'occurred_at']).execute();
  // release-due candidates: period holds that have ended.
  await db.schema
    .createIndex('ledger_earning_due_holds')
    .on('ledger_earning')
    .columns(['hold_until', 'org', 'influencer_id'])
    .where(sql.ref('state'), '=', 'held')
    .execute();

  // One row per ledger event of an earning: the history earning/get shows, with who, in which role, why.
  await db.schema
    .createTable('ledger_earning_transition')
    .addColumn('event_id', 'uuid', (c) => c.primaryKey())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('earning_id', 'uuid', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('hold_kind', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('reason_code', 'text')
    .addColumn('note', 'text')
    .addColumn('source_ref', 'text')
    .addColumn('reference', 'jsonb')
    .addColumn('cost_centre', 'text')
    .addColumn('correlation_id', 'text')
    .addColumn('causation_id', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('commit_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addColumn('prepare_position', sql`numeric(20,0)`, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_earning_transition_by_earning')
    .on('ledger_earning_transition')
    .columns(['earning_id', 'commit_position', 'prepare_position'])
    .execute();

  // The conversion (ConversionAttributed) each earning points at: the evidence earning/get shows.
  await db.schema
    .createTable('ledger_conversion')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('rules_version', 'integer', (c) => c.notNull())
    .addColumn('basis', 'jsonb', (c) => c.notNull())
    .addColumn('assisted', 'jsonb', (c) => c.notNull())
    .addColumn('commission_base_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_conversion_pk', ['org', 'order_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_conversion').ifExists().execute();
  await db.schema.dropTable('ledger_earning_transition').ifExists().execute();
  await db.schema.dropTable('ledger_earning').ifExists().execute();
}
