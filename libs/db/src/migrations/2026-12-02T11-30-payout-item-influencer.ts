import { sql, type Kysely } from 'kysely';

// payout/item/list by influencer (finance's view of one influencer, and every partner's own list).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index payout_item_by_influencer on payout_item (org, influencer_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists payout_item_by_influencer`.execute(db);
}
