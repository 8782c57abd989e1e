// Column types shared by the collaboration read models (as programs') (kysely). pg hands back timestamptz as Date,
// numeric as strings (int8 as numbers, see libs/db), jsonb parsed; we write times as ISO text and jsonb as JSON text
// (pg would turn a JS array into a PostgreSQL array, not JSON).
import type { ColumnType } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';

export type Timestamp = ColumnType<Date, string, string>;
export type NullableTimestamp = ColumnType<Date | null, string | null | undefined, string | null>;
export type Json<T> = ColumnType<T, string, string>;
export type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
/** bigint: pg hands it back as a number (libs/db maps safe int8 to number); written as decimal text. */
export type Int8 = ColumnType<number, string, string>;
/** numeric(20,0) (event-store positions, up to 2^64): exact, as decimal strings. */
export type Numeric = ColumnType<string, string, string>;

/** What every row keyed by a stream remembers of the last event it applied. */
export interface AppliedEventColumns {
  last_revision: Int8;
  last_commit_position: Numeric;
  last_prepare_position: Numeric;
}

export function appliedEvent(event: RecordedEvent): { last_revision: string; last_commit_position: string; last_prepare_position: string } {
  return {
    last_revision: event.revision.toString(),
    last_commit_position: event.position.commit.toString(),
    last_prepare_position: event.position.prepare.toString(),
  };
}

export const json = (value: unknown): string => JSON.stringify(value);

export const isoOrNull = (value: Date | null): string | null => (value === null ? null : value.toISOString());
