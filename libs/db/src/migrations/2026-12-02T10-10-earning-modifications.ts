import { sql, type Kysely } from 'kysely';

// Modifications (issue 10 item 4): every earning has a kind (commission | make_good) and the sum of its
// adjustments, so the read model shows accrued = amount − adjustments beside the amount now.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ledger_earning').addColumn('kind', 'text', (c) => c.notNull().defaultTo('commission')).execute();
  await db.schema.alterTable('ledger_earning').addColumn('adjustments_minor', 'bigint', (c) => c.notNull().defaultTo(sql`0`)).execute();
  await db.schema.createIndex('ledger_earning_org_kind').on('ledger_earning').columns(['org', 'kind']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ledger_earning_org_kind').execute();
  await db.schema.alterTable('ledger_earning').dropColumn('adjustments_minor').execute();
  await db.schema.alterTable('ledger_earning').dropColumn('kind').execute();
}
