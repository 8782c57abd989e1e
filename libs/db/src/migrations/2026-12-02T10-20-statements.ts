import { sql, type Kysely } from 'kysely';

// Statement read models (libs/statements, ADR 0014). Frozen: change them with a new migration.
// - statement_earning + statement_line (projection `statement_lines`): one row per earning with the balance
//   the statement fold needs, one line per ledger fact keyed by its source event, with business time (`at`)
//   and record position — generation reads the facts of a period up to a cutoff position from here.
// - statement_statement (projection `statement_statement`): one row per issued statement, its answer as the
//   exact JSON text written from the StatementIssued event, so a rebuild gives the same bytes.
// No column takes now(): a rebuild must produce the same rows as the live tables.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('statement_earning')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('earning_id', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('source_ref', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('net_minor', 'bigint', (c) => c.notNull())
    .addColumn('paid_minor', 'bigint', (c) => c.notNull())
    .addColumn('last_commit_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addColumn('last_prepare_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addPrimaryKeyConstraint('statement_earning_pk', ['org', 'earning_id'])
    .execute();

  await db.schema
    .createTable('statement_line')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('earning_id', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('at_iso', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('commit_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addColumn('prepare_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('owed_delta_minor', 'bigint', (c) => c.notNull())
    .addColumn('payable_delta_minor', 'bigint', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('source_ref', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('statement_line_pk', ['org', 'event_id'])
    .execute();
  // A statement's facts: one influencer and currency, business time before the period's end.
  await db.schema.createIndex('statement_line_by_influencer').on('statement_line').columns(['org', 'influencer_id', 'currency', 'at']).execute();
  // statement/run: influencers with facts in a currency, in id order.
  await db.schema.createIndex('statement_line_by_currency').on('statement_line').columns(['org', 'currency', 'influencer_id']).execute();

  await db.schema
    .createTable('statement_statement')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('statement_id', 'uuid', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('period_start', 'timestamptz', (c) => c.notNull())
    .addColumn('period_end', 'timestamptz', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('cutoff_commit_position', sql`numeric(20,0)`)
    .addColumn('cutoff_prepare_position', sql`numeric(20,0)`)
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('statement_statement_pk', ['org', 'statement_id'])
    .execute();
  await db.schema.createIndex('statement_statement_by_influencer').on('statement_statement').columns(['org', 'influencer_id', 'currency', 'period_end']).execute();
  await db.schema.createIndex('statement_statement_by_period').on('statement_statement').columns(['org', 'period_start', 'statement_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('statement_statement').ifExists().execute();
  await db.schema.dropTable('statement_line').ifExists().execute();
  await db.schema.dropTable('statement_earning').ifExists().execute();
}
