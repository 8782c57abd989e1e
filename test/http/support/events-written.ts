import { sql, type Kysely } from 'kysely';

/**
 * How many events the store holds and the last position written, read straight from es_event. Not
 * `headPosition()`: $all's head shows an append only once every older transaction of the whole cluster
 * has ended, and the test cluster is shared, so the head can move well after the request that appended.
 */
export async function eventsWritten(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ written: string }>`SELECT count(*)::text || ' events, last ' || coalesce(max(global_position), 0)::text AS written FROM es_event`.execute(db);
  return rows[0]!.written;
}
