import { sql, type Kysely } from 'kysely';
import { LIMITS } from '@ledger/kernel';

/**
 * A table's content as `<rows>:<sum>`: the sum over rows of the first 64 bits of md5(row
 * text). A sum is order-free, so there is no sort and no giant string_agg (which fails past
 * 1 GB); any changed, missing or extra row changes it except with ~2^-64 chance.
 * Text forms are pinned (UTC, ISO dates) so live and rebuilt tables hash alike.
 */
export async function tableChecksum(db: Kysely<any>, schema: string, table: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = ${sql.lit(LIMITS.projections.checksumTimeoutMs)}`.execute(trx);
    await sql`set local timezone = 'UTC'`.execute(trx);
    await sql`set local datestyle = 'ISO, YMD'`.execute(trx);
    await sql`set local extra_float_digits = 3`.execute(trx);
    const { rows } = await sql<{ rows: string; sum: string }>`
      select count(*)::text as rows,
             coalesce(sum(('x' || substr(md5(t::text), 1, 16))::bit(64)::bigint::numeric), 0)::text as sum
      from ${sql.id(schema, table)} as t`.execute(trx);
    const row = rows[0]!;
    return `${row.rows}:${row.sum}`;
  });
}
