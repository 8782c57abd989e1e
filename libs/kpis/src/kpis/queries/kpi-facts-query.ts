// The one way KPIs are computed: each figure is an aggregate over one fact table of the `kpi`
// projection, restricted to the org, the business-time range [from, to) and the currency, grouped by
// the requested dimensions; the groups of several fact tables are merged by key. Bounded: the range
// is at most LIMITS.kpis.rangeDaysMax days, each query returns at most LIMITS.kpis.groupsMax + 1
// groups under a statement timeout.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { Conflict, LIMITS, ValidationFailed } from '@ledger/kernel';
import type { Dimension } from './kpi.request.dto';

export interface KpiScope {
  org: string;
  from: string;
  to: string;
  currency: string;
  groupBy: readonly Dimension[];
}

/** One fact table and how its columns answer each dimension (absent: the dimension is null for it). */
export interface FactSource {
  /** FROM clause (table and joins), aliases free except `ti` (the influencer tier join). */
  from: RawBuilder<unknown>;
  org: string;
  time: string;
  /** Column holding the currency; none: the facts have no currency. */
  currency?: string;
  dims: Partial<Record<Exclude<Dimension, 'tier' | 'day'>, string>>;
  /** The influencer column the tier comes from. */
  influencer?: string;
  where?: RawBuilder<unknown>;
  /** figure name → aggregate SQL (a number, or null). */
  figures: Record<string, RawBuilder<unknown>>;
}

export type KpiKey = Partial<Record<Dimension, string | null>>;
export interface GroupRow {
  key: KpiKey;
  figures: Record<string, number | null>;
}

/** Checks the range (400 naming `to`) before any query. */
export function checkRange(from: string, to: string): void {
  const spanMs = Date.parse(to) - Date.parse(from);
  if (!(spanMs > 0)) throw new ValidationFailed([{ field: 'to', problem: 'must be after from' }]);
  if (spanMs > LIMITS.kpis.rangeDaysMax * 86_400_000) throw new ValidationFailed([{ field: 'to', problem: `must be at most ${LIMITS.kpis.rangeDaysMax} days after from` }]);
}

export async function groupFacts(db: Kysely<any>, scope: KpiScope, source: FactSource): Promise<GroupRow[]> {
  const dimExprs = scope.groupBy.map((d) => sql.raw(dimensionSql(source, d)));
  const selections = [
    ...dimExprs.map((e, i) => sql`${e} as ${sql.id(`d${i}`)}`),
    ...Object.entries(source.figures).map(([name, agg]) => sql`(${agg})::float8 as ${sql.id(name)}`),
  ];
  const tierJoin = scope.groupBy.includes('tier') && source.influencer
    ? sql`left join kpi_influencer ti on ti.org = ${sql.raw(source.org)} and ti.influencer_id = ${sql.raw(source.influencer)}`
    : sql``;
  const conditions = [
    sql`${sql.raw(source.org)} = ${scope.org}`,
    sql`${sql.raw(source.time)} >= ${scope.from}::timestamptz`,
    sql`${sql.raw(source.time)} < ${scope.to}::timestamptz`,
    ...(source.currency ? [sql`${sql.raw(source.currency)} = ${scope.currency}`] : []),
    ...(source.where ? [source.where] : []),
  ];
  const groupBy = dimExprs.length > 0 ? sql`group by ${sql.join(dimExprs.map((_, i) => sql.raw(String(i + 1))))}` : sql``;
  const rows = await db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = ${sql.lit(LIMITS.kpis.queryTimeoutMs)}`.execute(trx);
    const result = await sql<Record<string, unknown>>`
      select ${sql.join(selections)} from ${source.from} ${tierJoin}
      where ${sql.join(conditions, sql` and `)}
      ${groupBy}
      limit ${LIMITS.kpis.groupsMax + 1}`.execute(trx);
    return result.rows;
  });
  if (rows.length > LIMITS.kpis.groupsMax) throw tooManyGroups();
  return rows.map((row) => ({
    key: Object.fromEntries(scope.groupBy.map((d, i) => [d, (row[`d${i}`] as string | null) ?? null])),
    figures: Object.fromEntries(Object.keys(source.figures).map((name) => [name, row[name] === null ? null : Number(row[name])])),
  }));
}

function dimensionSql(source: FactSource, dimension: Dimension): string {
  if (dimension === 'day') return `to_char(${source.time} at time zone 'UTC', 'YYYY-MM-DD')`;
  if (dimension === 'tier') return source.influencer ? 'ti.tier' : 'null::text';
  return source.dims[dimension] ? `(${source.dims[dimension]})::text` : 'null::text';
}

/**
 * Groups of several fact tables merged by key, every figure present (0 where a table had no
 * facts for that key), ordered by key; without groupBy exactly one row with key {}.
 */
export function mergeGroups(scope: KpiScope, figureNames: readonly string[], ...parts: GroupRow[][]): GroupRow[] {
  const merged = new Map<string, GroupRow>();
  const keyText = (key: KpiKey) => JSON.stringify(scope.groupBy.map((d) => key[d] ?? null));
  const zero = () => Object.fromEntries(figureNames.map((n) => [n, 0])) as Record<string, number | null>;
  if (scope.groupBy.length === 0) merged.set('[]', { key: {}, figures: zero() });
  for (const rows of parts) {
    for (const row of rows) {
      const k = keyText(row.key);
      const target = merged.get(k) ?? { key: row.key, figures: zero() };
      for (const [name, value] of Object.entries(row.figures)) {
        target.figures[name] = value === null ? (target.figures[name] ?? null) : Number(target.figures[name] ?? 0) + value;
      }
      merged.set(k, target);
    }
  }
  if (merged.size > LIMITS.kpis.groupsMax) throw tooManyGroups();
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** numerator ÷ denominator as a fraction rounded to 6 places; 0 when there is nothing to divide by. */
export function rate(numerator: number | null, denominator: number | null): number {
  if (!numerator || !denominator) return 0;
  return Math.round((numerator / denominator) * 1e6) / 1e6;
}

function tooManyGroups(): Conflict {
  return new Conflict('KPI.TOO_MANY_GROUPS', `More than ${LIMITS.kpis.groupsMax} groups: narrow the range or group by fewer dimensions.`);
}
