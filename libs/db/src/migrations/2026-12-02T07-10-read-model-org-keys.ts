import { sql, type Kysely } from 'kysely';

// Read-model keys carry the org (issue 13, item 8). ledger_earning, ledger_earning_transition and
// audit_stream were keyed by an id alone: unique only because today's ids embed or derive from the
// org, which no constraint enforced and every reader had to trust. Their keys become (org, id), the
// projections' ON CONFLICT targets follow, and the transition index leads with the org like every
// other read-model index. Every other read-model table was keyed (org, …) from the start.
//
// The tables may also sit in a rebuild's archive schema (kept for a rollback by hand, runbook
// rebuild-and-verify): re-keyed too, so a table swapped back matches the projection's conflict targets.

interface Rekey {
  table: string;
  /** The schema its rebuild archive lives in (libs/projections archiveSchema). */
  archive: string;
  key: readonly string[];
  constraint: string;
}

const REKEYED: readonly Rekey[] = [
  { table: 'ledger_earning', archive: 'projection_archive_ledger_earning', key: ['org', 'earning_id'], constraint: 'ledger_earning_pk' },
  { table: 'ledger_earning_transition', archive: 'projection_archive_ledger_earning', key: ['org', 'event_id'], constraint: 'ledger_earning_transition_pk' },
  { table: 'audit_stream', archive: 'projection_archive_audit_stream', key: ['org', 'stream'], constraint: 'audit_stream_pk' },
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const schema of await schemasHolding(db)) {
    for (const rekey of REKEYED) {
      if (!(await tableExists(db, schema, rekey.table))) continue;
      await replacePrimaryKey(db, schema, rekey.table, rekey.key, rekey.constraint);
    }
    if (await tableExists(db, schema, 'ledger_earning_transition')) {
      await sql`drop index if exists ${sql.id(schema, 'ledger_earning_transition_by_earning')}`.execute(db);
      await sql`create index ${sql.id('ledger_earning_transition_by_earning')} on ${sql.id(schema, 'ledger_earning_transition')} (org, earning_id, commit_position, prepare_position)`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const previous: Record<string, readonly string[]> = { ledger_earning: ['earning_id'], ledger_earning_transition: ['event_id'], audit_stream: ['stream'] };
  for (const schema of await schemasHolding(db)) {
    for (const rekey of REKEYED) {
      if (!(await tableExists(db, schema, rekey.table))) continue;
      await replacePrimaryKey(db, schema, rekey.table, previous[rekey.table]!, `${rekey.table}_pkey`);
    }
    if (await tableExists(db, schema, 'ledger_earning_transition')) {
      await sql`drop index if exists ${sql.id(schema, 'ledger_earning_transition_by_earning')}`.execute(db);
      await sql`create index ${sql.id('ledger_earning_transition_by_earning')} on ${sql.id(schema, 'ledger_earning_transition')} (earning_id, commit_position, prepare_position)`.execute(db);
    }
  }
}

async function schemasHolding(db: Kysely<any>): Promise<string[]> {
  const archives = [...new Set(REKEYED.map((r) => r.archive))];
  const { rows } = await sql<{ nspname: string }>`select nspname from pg_namespace where nspname = any(${archives}::text[]) order by nspname`.execute(db);
  return ['public', ...rows.map((r) => r.nspname)];
}

async function tableExists(db: Kysely<any>, schema: string, table: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`select to_regclass(${`${schema}.${table}`}) is not null as found`.execute(db);
  return rows[0]?.found === true;
}

/** The primary key is found by catalog, not by name: a rebuild's swap may have carried another name in. */
async function replacePrimaryKey(db: Kysely<any>, schema: string, table: string, key: readonly string[], constraint: string): Promise<void> {
  const { rows } = await sql<{ conname: string }>`
    select c.conname from pg_constraint c
    join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = ${schema} and t.relname = ${table} and c.contype = 'p'`.execute(db);
  const columns = sql.join(key.map((c) => sql.id(c)));
  // One statement: the table is never without a key between the two steps.
  const drop = rows[0] ? sql`drop constraint ${sql.id(rows[0].conname)},` : sql``;
  await sql`alter table ${sql.id(schema, table)} ${drop} add constraint ${sql.id(constraint)} primary key (${columns})`.execute(db);
}
