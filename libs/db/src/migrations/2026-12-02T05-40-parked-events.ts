import { sql, type Kysely } from 'kysely';

// parked_event: what a consumer of $all (a projection, a process manager) or of NATS could not
// process, recorded instead of blocking everything behind it (ADR 0010). One row per consumer
// and event; the consumer re-processes a row when an operator asks (status retry_requested).
// Positions are numeric(20,0) like projection_checkpoint's; NATS messages have none (null) and
// carry their subject/sequence in `source`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('parked_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('stream_revision', 'bigint')
    .addColumn('commit_position', sql`numeric(20,0)`)
    .addColumn('prepare_position', sql`numeric(20,0)`)
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    // failed: the consumer threw on it; refused: a decider refused it (a DomainError, code + detail);
    // blocked: an earlier event of the same stream is parked, so this one waits behind it.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('parked'))
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text', (c) => c.notNull())
    .addColumn('source', 'jsonb')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('first_seen', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('skipped_by', 'text')
    .addColumn('skip_reason', 'text')
    .addCheckConstraint('parked_event_kind', sql`kind in ('failed', 'refused', 'blocked')`)
    .addCheckConstraint('parked_event_status', sql`status in ('parked', 'retry_requested', 'resolved', 'skipped')`)
    .addCheckConstraint('parked_event_position_pair', sql`(commit_position is null) = (prepare_position is null)`)
    .addCheckConstraint('parked_event_skip_has_reason', sql`status <> 'skipped' or (skip_reason is not null and skipped_by is not null)`)
    .execute();
  // Parking the same event again (a replayed batch, a failed retry) updates its row.
  await db.schema.createIndex('parked_event_by_consumer_event').on('parked_event').columns(['consumer', 'event_id']).unique().execute();
  // What is open (the hot path asks this once per poll; it is empty when all is well).
  await sql`create index parked_event_open on parked_event (consumer, stream, commit_position, prepare_position)
            where status in ('parked', 'retry_requested')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('parked_event').execute();
}
