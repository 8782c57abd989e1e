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

export interface TableWrite {
  table: string;
  columns: readonly Column[];
  rows: readonly Record<string, unknown>[];
  conflict: string;
}

/**
 * Several writeRows in ONE statement (data-modifying CTEs): one round trip per batch while its
 * transaction is open. The tables must differ (the CTEs share one snapshot, so none sees another's rows).
 */
export async function writeAll(trx: Transaction<any>, writes: readonly TableWrite[]): Promise<void> {
  const busy = writes.filter((w) => w.rows.length > 0);
  if (busy.length === 0) return;
  if (busy.length === 1) return writeRows(trx, busy[0]!.table, busy[0]!.columns, busy[0]!.rows, busy[0]!.conflict);
  const ctes = busy.map((w, i) => {
    const names = sql.raw(w.columns.map(([c]) => c).join(', '));
    const definitions = sql.raw(w.columns.map(([c, t]) => `${c} ${t}`).join(', '));
    return sql`${sql.id(`w${i}`)} as (
      insert into ${sql.table(w.table)} (${names})
      select ${names} from jsonb_to_recordset(${JSON.stringify(w.rows)}::jsonb) as x(${definitions})
      ${sql.raw(w.conflict)}
      returning 1)`;
  });
  await sql`with ${sql.join(ctes)} select ${sql.join(busy.map((_, i) => sql`(select count(*) from ${sql.id(`w${i}`)})`))}`.execute(trx);
}
