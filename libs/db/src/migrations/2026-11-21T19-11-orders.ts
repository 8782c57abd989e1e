import { sql, type Kysely } from 'kysely';

// Orders read model (projection `orders`, libs/orders/src/read-models/orders): one row per order
// stream, its lines and its returns. Rows are keyed by source identity (org, order, line, return)
// and remember the last stream revision applied, so a replayed event changes nothing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('orders_order')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('awaiting_order', 'recorded', 'partially_returned', 'returned', 'cancelled')`))
    .addColumn('source_ref', 'text')
    .addColumn('channel', 'text')
    .addColumn('customer_ref', 'text')
    .addColumn('currency', 'text')
    .addColumn('occurred_at', 'timestamptz')
    // The order's time, or the earliest fact's time while the order itself is still unknown: list order.
    .addColumn('sort_at', 'timestamptz', (c) => c.notNull())
    .addColumn('codes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('line_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('quantity', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('gross_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('discount_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('net_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('returned_quantity', 'bigint', (c) => c.notNull().defaultTo(0))
    // Raw cumulative returned quantity per line id: returns may come before the order tells the lines.
    .addColumn('returned_by_line', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('cancel_source_ref', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('attribution', 'text', (c) => c.notNull().defaultTo('pending').check(sql`attribution in ('pending', 'attributed', 'unattributed')`))
    .addColumn('campaign_id', 'text')
    .addColumn('influencer_id', 'text')
    .addColumn('rules_version', 'integer')
    .addColumn('attribution_reason', 'text')
    .addColumn('earnings_minor', 'bigint')
    .addColumn('last_revision', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('orders_order_pk', ['org', 'order_id'])
    .execute();
  await sql`CREATE INDEX orders_order_list ON orders_order (org, sort_at DESC, order_id DESC)`.execute(db);
  await db.schema.createIndex('orders_order_customer').on('orders_order').columns(['org', 'customer_ref']).execute();
  await db.schema.createIndex('orders_order_campaign').on('orders_order').columns(['org', 'campaign_id']).execute();
  await db.schema.createIndex('orders_order_influencer').on('orders_order').columns(['org', 'influencer_id']).execute();

  await db.schema
    .createTable('orders_line')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
    .addColumn('discount_minor', 'bigint', (c) => c.notNull())
    .addColumn('base_minor', 'bigint', (c) => c.notNull())
    .addColumn('returned_quantity', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('orders_line_pk', ['org', 'order_id', 'line_id'])
    .execute();

  await db.schema
    .createTable('orders_return')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('return_id', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('lines', 'jsonb', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('orders_return_pk', ['org', 'order_id', 'return_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('orders_return').execute();
  await db.schema.dropTable('orders_line').execute();
  await db.schema.dropTable('orders_order').execute();
}
