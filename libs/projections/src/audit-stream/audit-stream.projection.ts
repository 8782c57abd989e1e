import { sql } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '../projection';
import type { AuditStreamPartialDB } from './audit-stream.table';

type AuditStreamRow = {
  stream: string;
  category: string;
  org: string;
  event_count: string;
  last_revision: string;
  last_commit_position: string;
  last_prepare_position: string;
  last_event_type: string;
  first_recorded_at: string;
  last_recorded_at: string;
};

/**
 * One row per stream, from every event in $all. Replay-safe without counters: the count is
 * last revision + 1, and a row only moves forward (an older or duplicated event, whose
 * revision is not above the stored one, changes nothing).
 */
export const auditStreamProjection: Projection<AuditStreamPartialDB> = {
  name: 'audit_stream',
  tables: ['audit_stream'],
  async apply(trx, events) {
    const rows = summariseByStream(events);
    if (rows.length === 0) return;
    // One statement per batch; rows ≤ batch size.
    await trx
      .insertInto('audit_stream')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['org', 'stream'])
          .doUpdateSet({
            event_count: sql`excluded.event_count`,
            last_revision: sql`excluded.last_revision`,
            last_commit_position: sql`excluded.last_commit_position`,
            last_prepare_position: sql`excluded.last_prepare_position`,
            last_event_type: sql`excluded.last_event_type`,
            first_recorded_at: sql`least(audit_stream.first_recorded_at, excluded.first_recorded_at)`,
            last_recorded_at: sql`excluded.last_recorded_at`,
          })
          .where(sql<boolean>`excluded.last_revision > audit_stream.last_revision`),
      )
      .execute();
  },
};

/** The batch folded to one row per stream (events arrive in $all order, so per stream in revision order). */
export function summariseByStream(events: readonly RecordedEvent[]): AuditStreamRow[] {
  const rows = new Map<string, AuditStreamRow>();
  for (const event of events) {
    const existing = rows.get(event.stream);
    if (existing && BigInt(existing.last_revision) >= event.revision) continue; // duplicate in the batch
    rows.set(event.stream, {
      stream: event.stream,
      category: categoryOf(event.stream),
      org: event.metadata.org,
      event_count: (event.revision + 1n).toString(),
      last_revision: event.revision.toString(),
      last_commit_position: event.position.commit.toString(),
      last_prepare_position: event.position.prepare.toString(),
      last_event_type: event.type,
      first_recorded_at: existing?.first_recorded_at ?? event.recordedAt,
      last_recorded_at: event.recordedAt,
    });
  }
  return [...rows.values()];
}

/** EventStoreDB's convention: the category is what precedes the first `-` (the whole name if none). */
function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash > 0 ? stream.slice(0, dash) : stream;
}
