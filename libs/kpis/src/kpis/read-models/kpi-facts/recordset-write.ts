import { sql, type Transaction } from 'kysely';

/** [column, SQL type] of a multi-row write. */
export type Column = readonly [string, string];

/**
 * Writes `rows` into `table` in ONE statement: the rows travel as one jsonb parameter and are
 * expanded by jsonb_to_recordset, so a batch of thousands binds one value (no per-row parameters,
 * no parameter limit) and the table name stays unqualified (rebuild/verify set search_path).
 */
export async function writeRows(trx: Transaction<any>, table: string, columns: readonly Column[], rows: readonly Record<string, unknown>[], conflict: string): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.raw(columns.map(([c]) => c).join(', '));
  const definitions = sql.raw(columns.map(([c, t]) => `${c} ${t}`).join(', '));
  await sql`insert into ${sql.table(table)} (${names})
            select ${names} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${definitions})
            ${sql.raw(conflict)}`.execute(trx);
}
