import { sql, type Kysely } from 'kysely';

// Reward evidence read model (libs/ledger, projection `ledger_earning_evidence`; docs/evidence.md). Frozen.
// Three tables, each written only by the events keyed like it, so the parts meet at read time whatever
// order $all interleaves the streams in:
// - ledger_earning_evidence (org, earning_id): what the earning stream says (rules, calculation, adjustments,
//   batch link, payment) plus the payout item posted for it (written by PayoutItemPosted through earningIds).
// - ledger_evidence_order (org, order_id): the order fact, its attribution basis and the fraud check.
// - ledger_evidence_batch (org, batch_id): the payout batch's approval.
// No column takes now(): a rebuild must produce the same rows.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_earning_evidence')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('earning_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('influencer_id', 'text')
    .addColumn('campaign_id', 'text')
    .addColumn('rules_version', 'integer')
    .addColumn('accrued', 'jsonb')
    .addColumn('calculation', 'jsonb')
    .addColumn('adjustments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('batch_id', 'text')
    .addColumn('item_id', 'text')
    .addColumn('paid', 'jsonb')
    .addColumn('paid_at', 'timestamptz')
    .addColumn('posted', 'jsonb')
    .addColumn('last_commit_position', sql`numeric(20,0)`)
    .addColumn('last_prepare_position', sql`numeric(20,0)`)
    .addPrimaryKeyConstraint('ledger_earning_evidence_pk', ['org', 'earning_id'])
    .execute();
  await db.schema.createIndex('ledger_earning_evidence_paid_idx').on('ledger_earning_evidence').columns(['org', 'paid_at', 'earning_id']).execute();
  await db.schema.createIndex('ledger_earning_evidence_batch_idx').on('ledger_earning_evidence').columns(['org', 'batch_id']).execute();

  await db.schema
    .createTable('ledger_evidence_order')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('conversion', 'jsonb')
    .addColumn('attribution', 'jsonb')
    .addColumn('fraud_check', 'jsonb')
    .addColumn('fraud_commit_position', sql`numeric(20,0)`)
    .addColumn('fraud_prepare_position', sql`numeric(20,0)`)
    .addPrimaryKeyConstraint('ledger_evidence_order_pk', ['org', 'order_id'])
    .execute();

  await db.schema
    .createTable('ledger_evidence_batch')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('approval', 'jsonb')
    .addPrimaryKeyConstraint('ledger_evidence_batch_pk', ['org', 'batch_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_evidence_batch').execute();
  await db.schema.dropTable('ledger_evidence_order').execute();
  await db.schema.dropTable('ledger_earning_evidence').execute();
}
