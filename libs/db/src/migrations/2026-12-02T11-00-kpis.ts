import { sql, type Kysely } from 'kysely';

// KPI read models (projection `kpi`, libs/kpis): additive facts keyed by their source (order, line,
// return line, conversion, touch, earning, cost, flag…), each with its business time and dimensions.
// KPIs are sums and counts over them at query time, so a replayed event rewrites the same row and
// changes no figure. Money is bigint minor units; business times timestamptz.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kpi_order')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('customer_ref', 'text', (c) => c.notNull())
    .addColumn('units', 'bigint', (c) => c.notNull())
    .addColumn('revenue_minor', 'bigint', (c) => c.notNull())
    .addColumn('codes', sql`text[]`, (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_order_pk', ['org', 'order_id'])
    .execute();
  await db.schema.createIndex('kpi_order_time_idx').on('kpi_order').columns(['org', 'currency', 'occurred_at']).execute();

  await db.schema
    .createTable('kpi_order_line')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('base_minor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_order_line_pk', ['org', 'order_id', 'line_id'])
    .execute();

  await db.schema
    .createTable('kpi_return_line')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('return_id', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_return_line_pk', ['org', 'order_id', 'return_id', 'line_id'])
    .execute();

  await db.schema
    .createTable('kpi_order_cancel')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_order_cancel_pk', ['org', 'order_id'])
    .execute();

  await db.schema
    .createTable('kpi_conversion')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('basis_code', 'text', (c) => c.notNull())
    .addColumn('basis_touch_id', 'text')
    .addColumn('commission_base_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_conversion_pk', ['org', 'order_id'])
    .execute();
  await db.schema.createIndex('kpi_conversion_touch_idx').on('kpi_conversion').columns(['org', 'basis_touch_id']).execute();

  await db.schema
    .createTable('kpi_assist')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_assist_pk', ['org', 'order_id', 'campaign_id', 'influencer_id'])
    .execute();

  await db.schema
    .createTable('kpi_touch')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('touch_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('touch_kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_touch_pk', ['org', 'touch_id'])
    .execute();
  await db.schema.createIndex('kpi_touch_time_idx').on('kpi_touch').columns(['org', 'occurred_at']).execute();

  await db.schema
    .createTable('kpi_code')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('channels', sql`text[]`)
    .addColumn('valid_from', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz')
    .addColumn('deactivated_at', 'timestamptz')
    .addPrimaryKeyConstraint('kpi_code_pk', ['org', 'code'])
    .execute();

  await db.schema
    .createTable('kpi_influencer')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('tier', 'text')
    .addPrimaryKeyConstraint('kpi_influencer_pk', ['org', 'influencer_id'])
    .execute();

  await db.schema
    .createTable('kpi_campaign_cost')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('cost_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_campaign_cost_pk', ['org', 'campaign_id', 'cost_id'])
    .execute();

  await db.schema
      .createTable('kpi_earning')
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('earning_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('influencer_id', 'text', (c) => c.notNull())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text')
      .addColumn('channel', 'text')
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('amount_minor', 'bigint', (c) => c.notNull())
      .addColumn('pending_minor', 'bigint', (c) => c.notNull())
      .addColumn('held_minor', 'bigint', (c) => c.notNull())
      .addColumn('payable_minor', 'bigint', (c) => c.notNull())
      .addColumn('paid_minor', 'bigint', (c) => c.notNull())
      .addColumn('clawed_back_minor', 'bigint', (c) => c.notNull())
      .addColumn('exception', 'boolean', (c) => c.notNull())
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .addColumn('approved_at', 'timestamptz')
      .addColumn('paid_at', 'timestamptz')
      // An earning row only moves forward in $all: an event at or before it is a replay.
      .addColumn('last_commit_position', sql`numeric(20,0)`, (c) => c.notNull())
      .addColumn('last_prepare_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_earning_pk', ['org', 'earning_id'])
    .execute();
  await db.schema.createIndex('kpi_earning_time_idx').on('kpi_earning').columns(['org', 'currency', 'occurred_at']).execute();

  await db.schema
    .createTable('kpi_fraud_flag')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('flag_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text')
    .addColumn('influencer_id', 'text')
    .addColumn('order_id', 'text')
    .addColumn('occurred_at', 'timestamptz')
    .addColumn('decision', 'text')
    .addColumn('reviewed_at', 'timestamptz')
    .addPrimaryKeyConstraint('kpi_fraud_flag_pk', ['org', 'flag_id'])
    .execute();

  await db.schema
    .createTable('kpi_dispute')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('dispute_id', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_dispute_pk', ['org', 'dispute_id'])
    .execute();
  await db.schema.createIndex('kpi_dispute_subject_idx').on('kpi_dispute').columns(['org', 'subject_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of KPI_TABLES.slice().reverse()) await db.schema.dropTable(table).ifExists().execute();
}

const KPI_TABLES = [
  'kpi_order', 'kpi_order_line', 'kpi_return_line', 'kpi_order_cancel', 'kpi_conversion', 'kpi_assist', 'kpi_touch', 'kpi_code',
  'kpi_influencer', 'kpi_campaign_cost', 'kpi_earning', 'kpi_fraud_flag', 'kpi_dispute',
];
