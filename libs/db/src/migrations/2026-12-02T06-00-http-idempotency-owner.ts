import type { Kysely } from 'kysely';

// HTTP edge: the owner of a pending Idempotency-Key claim (a random token per claim). Only the
// owner may complete or release the row, so a slow first request whose stale claim was taken
// over cannot overwrite or delete the new owner's answer. Null for rows written before it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('http_idempotency').addColumn('owner', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('http_idempotency').dropColumn('owner').execute();
}
