import type { AllFilter, Position } from '../event-store.port';
import { EVENT_COLUMNS } from './rows';

// $all reads (ARCHITECTURE rule 4, ADR 0002). Only rows below the snapshot's xmin are read: no
// transaction that could still add a row there is running, so a checkpoint (tx, pos) never
// has a gap behind it. Order and checkpoint are the pair (transaction_id, global_position).
const VISIBLE = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

export interface Query {
  text: string;
  values: unknown[];
}

/** Events after `after`, in $all order, filtered in SQL. */
export function pageQuery(after: Position | null, maxCount: number, filter: AllFilter | undefined): Query {
  return page(EVENT_COLUMNS, after, maxCount, filter);
}

function page(columns: string, after: Position | null, maxCount: number, filter: AllFilter | undefined): Query {
  const values: unknown[] = [String(after?.commit ?? 0n), String(after?.prepare ?? 0n), maxCount];
  const conditions = [VISIBLE, '(transaction_id, global_position) > ($1::xid8, $2::bigint)'];
  if (filter?.streamPrefixes) {
    values.push(filter.streamPrefixes);
    conditions.push(`stream_name ^@ ANY ($${values.length}::text[])`); // starts_with: no LIKE escaping
  }
  if (filter?.eventTypes) {
    values.push(filter.eventTypes);
    conditions.push(`type = ANY ($${values.length}::text[])`);
  }
  return {
    text: `SELECT ${columns} FROM es_event WHERE ${conditions.join(' AND ')}
           ORDER BY transaction_id, global_position LIMIT $3`,
    values,
  };
}

/** The last visible position; with `page`, in the same statement, so under the same snapshot. */
const HEAD = `
  SELECT transaction_id::text AS head_commit, global_position::text AS head_prepare FROM es_event
  WHERE ${VISIBLE} ORDER BY transaction_id DESC, global_position DESC LIMIT 1`;

export const headQuery: Query = { text: HEAD, values: [] };

/**
 * A page and the head of $all under one snapshot: when a filtered page comes back short, the
 * follower may move its cursor to the head, because everything up to it has been scanned.
 * Without this an idle filtered follower would rescan from its last match on every poll.
 * One row with null event columns when the page is empty; no row when the store is empty.
 */
export function pageWithHeadQuery(after: Position | null, maxCount: number, filter: AllFilter | undefined): Query {
  const rows = page('*', after, maxCount, filter);
  return {
    text: `SELECT h.head_commit, h.head_prepare, ${EVENT_COLUMNS}
           FROM (${HEAD}) h LEFT JOIN LATERAL (${rows.text}) p ON true
           ORDER BY transaction_id, global_position`,
    values: rows.values,
  };
}
