import type { EventMetadata, Position, RecordedEvent } from '../event-store.port';

// Every read selects these columns. Sort by the qualified columns (es_event.revision): an
// unqualified ORDER BY would sort these text aliases (0, 1, 10, 2 …). int8 and xid8 travel as text and become bigint here, so the
// process-wide pg type parsers (int8 → number) never touch a position or a revision.
export const EVENT_COLUMNS = `
  transaction_id::text AS commit, global_position::text AS prepare, event_id::text AS id,
  stream_name, revision::text AS revision, type, data, metadata, recorded_at`;

export interface EventRow {
  commit: string;
  prepare: string;
  id: string;
  stream_name: string;
  revision: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: Date;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    stream: row.stream_name,
    revision: BigInt(row.revision),
    position: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) },
    recordedAt: row.recorded_at.toISOString(),
  };
}

export function toPosition(commit: string | null, prepare: string | null): Position | null {
  return commit === null || prepare === null ? null : { commit: BigInt(commit), prepare: BigInt(prepare) };
}
