import { sql, type Kysely, type Transaction } from 'kysely';
import { formatPosition, type Position } from '@ledger/event-store';
import { lockCheckpoint, setCheckpoint } from './checkpoint';
import type { Projection } from './projection';

// Blue/green tables for rebuild and verify: clone a projection's tables into a fresh schema,
// fill them there, then move them into `public` in one transaction.

export const scratchSchema = (purpose: 'rebuild' | 'verify', projection: string) => `projection_${purpose}_${projection}`;
/** The previous generation of a projection's tables after a rebuild (kept for rollback, one deep). */
export const archiveSchema = (projection: string) => `projection_archive_${projection}`;

/**
 * Creates `schema` afresh with an empty copy of each table (columns, defaults, checks,
 * indexes, identity), indexes renamed to the live names so a swapped-in table is
 * indistinguishable from one the migrations built.
 */
export async function cloneTables(db: Kysely<any>, tables: readonly string[], schema: string, options: { unlogged?: boolean } = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(trx);
    await sql`create schema ${sql.id(schema)}`.execute(trx);
    for (const table of tables) {
      const kind = options.unlogged ? sql`unlogged table` : sql`table`;
      await sql`create ${kind} ${sql.id(schema, table)} (like ${sql.id('public', table)} including all)`.execute(trx);
    }
    await refuseSerialColumns(trx, schema, tables);
    await renameIndexesLikeLive(trx, schema, tables);
  });
}

/**
 * Swaps the tables of `scratch` in for the live ones, atomically, and sets the checkpoint to
 * where they were built. The checkpoint row is locked FIRST: its row lock orders this
 * transaction against any batch of the live projection (which compare-and-sets that row
 * first), so a batch either lands before the swap (in tables about to be archived) or
 * fails its compare-and-set after it. Never a batch half in old and half in new tables.
 */
export async function swapIn(
  db: Kysely<any>,
  projection: Projection,
  scratch: string,
  position: Position | null,
  eventsApplied: number,
): Promise<void> {
  const archive = archiveSchema(projection.name);
  await db.transaction().execute(async (trx) => {
    const previous = await lockCheckpoint(trx, projection.name);
    await setCheckpoint(trx, projection.name, position, eventsApplied);
    await sql`create schema if not exists ${sql.id(archive)}`.execute(trx);
    // Where the archived tables were, for a rollback by hand (runbook rebuild-and-verify, section 4).
    const note = `${projection.name} tables archived by a rebuild; they were at checkpoint ${previous ? formatPosition(previous) : 'none'}`;
    await sql`comment on schema ${sql.id(archive)} is ${sql.lit(note)}`.execute(trx);
    for (const table of projection.tables) {
      await sql`drop table if exists ${sql.id(archive, table)}`.execute(trx);
      await sql`alter table ${sql.id('public', table)} set schema ${sql.id(archive)}`.execute(trx);
    }
    // All live tables are out before any new one comes in: index names are unique per schema.
    for (const table of projection.tables) {
      await sql`alter table ${sql.id(scratch, table)} set schema public`.execute(trx);
    }
    await sql`drop schema ${sql.id(scratch)}`.execute(trx); // empty now; RESTRICT proves it
  });
}

/**
 * Makes unlogged scratch tables durable before they are swapped in: one sequential WAL write per table
 * (and its indexes) instead of a WAL record per row and index entry while they were filled.
 */
export async function makeLogged(db: Kysely<any>, tables: readonly string[], schema: string): Promise<void> {
  for (const table of tables) await sql`alter table ${sql.id(schema, table)} set logged`.execute(db);
}

export async function dropSchema(db: Kysely<any>, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
}

/**
 * A serial column's default copied by LIKE still calls the LIVE table's sequence, which the
 * swap would archive or drop. Projection rows are keyed by source reference; refuse serials.
 */
async function refuseSerialColumns(trx: Transaction<any>, schema: string, tables: readonly string[]): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_attrdef d
    join pg_class c on c.oid = d.adrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
    where n.nspname = ${schema} and c.relname = any(${[...tables]}::text[])
      and pg_get_expr(d.adbin, d.adrelid) like '%nextval(%'
    limit 1`.execute(trx);
  const serial = rows[0];
  if (serial) throw new Error(`${serial.table_name}.${serial.column_name} draws from a sequence; projection tables cannot be rebuilt with serial columns`);
}

interface IndexRow {
  table_name: string;
  index_name: string;
  shape: string;
}

/**
 * LIKE names copied indexes by the default rule, not as the migration did. Pair each copy
 * with the live index of the same shape (unique/primary flags + definition after USING)
 * and give it the live name: first every copy to a temporary name, then to its final one,
 * so no rename collides with a name still in use. Renaming a constraint's index renames
 * the constraint too.
 */
async function renameIndexesLikeLive(trx: Transaction<any>, schema: string, tables: readonly string[]): Promise<void> {
  const live = await indexShapes(trx, 'public', tables);
  const copies = await indexShapes(trx, schema, tables);
  const unclaimed = new Map<string, string[]>();
  for (const index of live) {
    const key = `${index.table_name}|${index.shape}`;
    unclaimed.set(key, [...(unclaimed.get(key) ?? []), index.index_name]);
  }
  const renames: { from: string; to: string }[] = [];
  for (const copy of copies) {
    const target = unclaimed.get(`${copy.table_name}|${copy.shape}`)?.shift();
    if (!target) throw new Error(`index ${copy.index_name} on ${schema}.${copy.table_name} has no live counterpart`);
    if (target !== copy.index_name) renames.push({ from: copy.index_name, to: target });
  }
  for (const [i, rename] of renames.entries()) {
    await sql`alter index ${sql.id(schema, rename.from)} rename to ${sql.id(`projection_swap_tmp_${i}`)}`.execute(trx);
  }
  for (const [i, rename] of renames.entries()) {
    await sql`alter index ${sql.id(schema, `projection_swap_tmp_${i}`)} rename to ${sql.id(rename.to)}`.execute(trx);
  }
}

async function indexShapes(trx: Transaction<any>, schema: string, tables: readonly string[]): Promise<IndexRow[]> {
  const { rows } = await sql<IndexRow>`
    select c.relname as table_name, i.relname as index_name,
           ix.indisunique::text || ix.indisprimary::text || regexp_replace(pg_get_indexdef(ix.indexrelid), '^.*? USING ', '') as shape
    from pg_index ix
    join pg_class i on i.oid = ix.indexrelid
    join pg_class c on c.oid = ix.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relname = any(${[...tables]}::text[])
    order by c.relname, i.relname
    limit 1000`.execute(trx);
  return rows;
}
