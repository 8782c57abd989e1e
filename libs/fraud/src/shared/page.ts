// Keyset pagination for the fraud lists: newest first on (time, id), an opaque cursor that
// carries the last key of the page. Stable under concurrent inserts (no offsets).
import { sql, type RawBuilder } from 'kysely';
import { LIMITS, ValidationFailed } from '@ledger/kernel';

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A (time, id) key: the time as ISO 8601, the id as stored. */
export type PageKey = { at: string; id: string };

export function pageSize(limit: number | undefined): number {
  return limit ?? LIMITS.http.pageSizeDefault;
}

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): PageKey {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || typeof decoded[0] !== 'string' || typeof decoded[1] !== 'string' || !Number.isFinite(Date.parse(decoded[0]))) {
    throw new ValidationFailed([{ field: 'cursor', problem: 'must be a nextCursor from a previous answer of this list' }]);
  }
  return { at: decoded[0], id: decoded[1] };
}

/** `rows` were read with `limit + 1`: the extra row only tells that another page exists. */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => PageKey, map: (row: R) => T): Page<T> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return { items: pageRows.map(map), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** `(timeColumn, idColumn) < (after.at, after.id)`: the rows after the cursor in newest-first order. */
export function olderThan(timeColumn: string, idColumn: string, after: PageKey): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(timeColumn)}, ${sql.ref(idColumn)}) < (${after.at}::timestamptz, ${after.id})`;
}
