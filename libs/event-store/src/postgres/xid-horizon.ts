// The event store's dependence on the cluster's transaction-id counter (ADR 0002): $all is
// ordered by the writing transaction's id, and readers see only what lies below the oldest
// running transaction. Two things break that silently, and this file makes them visible.
import type { Pool } from 'pg';

/**
 * Start-up refusal: the stored transaction ids are ahead of the cluster's counter. After a
 * dump/restore (or logical replication) into a new cluster, new events would sort before every
 * checkpoint (readers skip them) and appends to existing streams fail the ordering guard.
 */
export class XidRegression extends Error {
  constructor(
    readonly storedMax: bigint,
    readonly clusterNext: bigint,
  ) {
    super(
      `event store: stored transaction ids reach ${storedMax} but this cluster's next id is ${clusterNext} ` +
        '(restored into a new cluster?): refusing to start, see docs/runbooks/xid-regression.md',
    );
    this.name = 'XidRegression';
  }
}

/** Throws XidRegression when es_event holds a transaction id the cluster has not handed out yet. */
export async function assertXidNotRegressed(pool: Pool): Promise<void> {
  // xmax of a fresh snapshot = the next id to be assigned; reading it assigns none (unlike pg_current_xact_id()).
  // max(transaction_id) walks the primary key backwards: one index probe.
  const { rows } = await pool.query<{ stored: string | null; next: string }>(
    `SELECT (SELECT max(transaction_id) FROM es_event)::text AS stored, pg_snapshot_xmax(pg_current_snapshot())::text AS next`,
  );
  const { stored, next } = rows[0]!;
  if (stored !== null && BigInt(stored) >= BigInt(next)) throw new XidRegression(BigInt(stored), BigInt(next));
}

export interface TransactionAges {
  /** Age of the oldest transaction open in this database (any state but idle), seconds; 0 when none. */
  oldestTransactionSeconds: number;
  /**
   * How long $all readers have been held back: when committed events lie at or above the
   * snapshot's xmin, the age of the oldest transaction holding an id (cluster-wide, as ids
   * are); 0 when nothing is held back.
   */
  allReaderWaitSeconds: number;
}

/**
 * One round trip. pg_stat_activity shows other roles' transactions only to superusers and
 * members of pg_read_all_stats: grant that role to the ledger's user, or these read 0 for them.
 */
export async function readTransactionAges(pool: Pool): Promise<TransactionAges> {
  const { rows } = await pool.query<{ oldest: number | null; wait: number | null }>(`
    SELECT
      (SELECT extract(epoch FROM max(clock_timestamp() - xact_start))::float8 FROM pg_stat_activity
        WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()) AS oldest,
      CASE WHEN EXISTS (SELECT 1 FROM es_event WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot()))
        THEN (SELECT extract(epoch FROM max(clock_timestamp() - xact_start))::float8 FROM pg_stat_activity
              WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid())
        ELSE 0 END AS wait`);
  const row = rows[0]!;
  return { oldestTransactionSeconds: Math.max(0, row.oldest ?? 0), allReaderWaitSeconds: Math.max(0, row.wait ?? 0) };
}
