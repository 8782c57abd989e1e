import { sql, type Kysely } from 'kysely';

// Payouts (issue 10): earnings locked to a payout item (ledger_earning), influencers' payout destinations
// (program_payout_method), payout batches and items (payout_batch, payout_item) and the sandbox provider's
// transfers (payout_sandbox_transfer: a real table, so a retry after a crash or a timeout finds the transfer
// made by the attempt before and a key posts once).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table ledger_earning add column payout_batch_id text, add column payout_item_id text, add column finalized_minor bigint`.execute(db);
  // What a new batch reads: the earnings of a currency with a balance to settle and no lock.
  await sql`create index ledger_earning_payout_candidates on ledger_earning (org, currency, influencer_id)
    where payout_batch_id is null and state in ('payable', 'paid') and payable_minor <> 0`.execute(db);
  await sql`create index ledger_earning_fraud_holds on ledger_earning (org, influencer_id) where state = 'held' and hold_kind = 'fraud'`.execute(db);

  await db.schema
    .createTable('program_payout_method')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('destination', 'jsonb', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_revision', 'bigint', (c) => c.notNull())
    .addColumn('last_commit_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addColumn('last_prepare_position', sql`numeric(20,0)`, (c) => c.notNull())
    .addPrimaryKeyConstraint('program_payout_method_pk', ['org', 'influencer_id'])
    .execute();

  await db.schema
    .createTable('payout_batch')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('as_of', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_role', 'text')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('cancel_reason', 'text')
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'jsonb', (c) => c.notNull())
    .addColumn('skipped_count', 'integer', (c) => c.notNull())
    .addColumn('last_revision', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('payout_batch_pk', ['org', 'batch_id'])
    .execute();
  await sql`create index payout_batch_by_time on payout_batch (org, created_at desc, batch_id desc)`.execute(db);

  await db.schema
    .createTable('payout_item')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('influencer_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('gross_minor', 'bigint', (c) => c.notNull())
    .addColumn('recovered_minor', 'bigint', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('earnings', 'jsonb', (c) => c.notNull())
    .addColumn('destination', 'jsonb', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('provider_ref', 'text')
    .addColumn('failure_code', 'text')
    .addColumn('failure_message', 'text')
    .addColumn('reason_code', 'text')
    .addPrimaryKeyConstraint('payout_item_pk', ['org', 'batch_id', 'item_id'])
    .execute();
  await sql`create index payout_item_by_seq on payout_item (org, batch_id, seq)`.execute(db);

  await db.schema
    .createTable('payout_sandbox_transfer')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('transfer_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('payout_sandbox_transfer_pk', ['org', 'idempotency_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['payout_sandbox_transfer', 'payout_item', 'payout_batch', 'program_payout_method']) await db.schema.dropTable(table).ifExists().execute();
  await sql`drop index if exists ledger_earning_payout_candidates`.execute(db);
  await sql`drop index if exists ledger_earning_fraud_holds`.execute(db);
  await sql`alter table ledger_earning drop column payout_batch_id, drop column payout_item_id, drop column finalized_minor`.execute(db);
}
