import { sql, type Kysely } from 'kysely';

// The PostgreSQL event store (ADR 0001, 0002). Frozen: change it with a new migration.
//
// es_event rows are ordered in $all by (transaction_id, global_position), never by
// global_position alone: a transaction that took position 10 can commit after one that took
// 11, and a reader that checkpointed 11 would skip 10 (ADR 0002). Readers only look below
// pg_snapshot_xmin, where no transaction is still running.
//
// es_append is the only writer. One call = one round trip = one transaction, for any number
// of streams (append and appendMany).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE es_stream (
      stream_name text PRIMARY KEY,
      category text NOT NULL,
      org text NOT NULL,
      -- Revision of the last event; -1 only inside the es_append call that creates the stream.
      revision bigint NOT NULL CHECK (revision >= -1),
      -- Transaction that wrote the last event: es_append's guard that keeps $all in revision order.
      last_transaction_id xid8 NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE es_event (
      global_position bigserial NOT NULL,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      event_id uuid NOT NULL UNIQUE,
      stream_name text NOT NULL,
      revision bigint NOT NULL,
      type text NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      -- The $all order is the table's identity and the index readAll walks.
      PRIMARY KEY (transaction_id, global_position),
      UNIQUE (stream_name, revision)
    )`.execute(db);

  await sql.raw(ES_APPEND).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS es_append(text[], text[], text[], uuid[], text[], jsonb[], jsonb[])`.execute(db);
  await sql`DROP TABLE IF EXISTS es_event`.execute(db);
  await sql`DROP TABLE IF EXISTS es_stream`.execute(db);
}

// Errors the adapter maps to typed errors:
//   ESWEV  wrong expected version; DETAIL = {"stream": ..., "actual": revision or null}
//   ESDUP  an event id is stored with another stream, type or data; DETAIL = the event id
//   40001  the ordering guard (below) fired; the adapter retries in a new transaction
const ES_APPEND = `
CREATE FUNCTION es_append(
  p_streams text[],        -- the streams of the call, each once
  p_expected text[],       -- per stream: 'any' | 'no_stream' | 'stream_exists' | '<revision>'
  p_event_streams text[],  -- per event: its stream (a stream's events in order)
  p_ids uuid[],
  p_types text[],
  p_data jsonb[],
  p_metadata jsonb[]
) RETURNS TABLE (r_stream text, r_revision bigint, r_commit xid8, r_prepare bigint, r_written int)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_stored uuid[];
  v_mismatch uuid;
  v_bad record;
BEGIN
  -- The ordering guard below compares this transaction's id with earlier writers'; that only
  -- holds if nothing else runs in this transaction.
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'es_append must run in a transaction of its own';
  END IF;

  -- 1. Create or lock every stream row, in name order, in one statement: concurrent calls wait
  --    for each other per stream and cannot deadlock. Row locks (not advisory locks) so that a
  --    call with thousands of streams does not fill the shared lock table.
  INSERT INTO es_stream AS s (stream_name, category, org, revision, last_transaction_id)
  SELECT n, split_part(n, '-', 1), split_part(substr(n, strpos(n, '-') + 1), '.', 1), -1, '0'
  FROM unnest(p_streams) AS n
  ORDER BY n
  ON CONFLICT (stream_name) DO UPDATE SET revision = s.revision;

  -- 2. Ids stored already (a re-delivery) must be the very same event.
  SELECT coalesce(array_agg(e.event_id), '{}'),
         (array_agg(e.event_id) FILTER (
            WHERE (e.stream_name, e.type, e.data) IS DISTINCT FROM (i.stream_name, i.type, i.data)))[1]
  INTO v_stored, v_mismatch
  FROM unnest(p_event_streams, p_ids, p_types, p_data) AS i(stream_name, id, type, data)
  JOIN es_event e ON e.event_id = i.id;
  IF v_mismatch IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'ESDUP', MESSAGE = 'event id stored with other content', DETAIL = v_mismatch::text;
  END IF;

  -- 3. Check each stream that gets new events, or none at all (a pure revision check). A stream
  --    whose events are all stored already is an idempotent re-append: success, no check (a
  --    retry must not fail because its first attempt succeeded).
  FOR v_bad IN
    SELECT c.stream_name, c.revision, c.wrong_version
    FROM (
      SELECT x.stream_name, s.revision,
             NOT CASE x.expected
                   WHEN 'any' THEN true
                   WHEN 'no_stream' THEN s.revision = -1
                   WHEN 'stream_exists' THEN s.revision >= 0
                   ELSE s.revision = x.expected::bigint
                 END AS wrong_version,
             EXISTS (SELECT FROM unnest(p_event_streams, p_ids) AS i(stream_name, id)
                     WHERE i.stream_name = x.stream_name AND i.id <> ALL (v_stored)) AS writes,
             x.stream_name <> ALL (p_event_streams) AS pure_check,
             -- Ordering guard: this transaction got its id before it held this stream's lock
             -- and a later transaction wrote the stream meanwhile. Our events would sort
             -- before that one's in $all and break the stream's revision order there.
             s.last_transaction_id > pg_current_xact_id() AS out_of_order
      FROM unnest(p_streams, p_expected) AS x(stream_name, expected)
      JOIN es_stream s ON s.stream_name = x.stream_name
    ) c
    WHERE ((c.writes OR c.pure_check) AND c.wrong_version) OR (c.writes AND c.out_of_order)
    LIMIT 1
  LOOP
    IF v_bad.wrong_version THEN
      RAISE EXCEPTION USING ERRCODE = 'ESWEV', MESSAGE = 'wrong expected version',
        DETAIL = json_build_object('stream', v_bad.stream_name,
                                   'actual', CASE WHEN v_bad.revision < 0 THEN NULL ELSE v_bad.revision::text END)::text;
    END IF;
    RAISE EXCEPTION USING ERRCODE = '40001', MESSAGE = 'stream written by a later transaction; retry';
  END LOOP;

  -- 4. Append the new events after each stream's revision, in call order (global_position
  --    follows it), and move the stream rows.
  WITH appended AS (
    INSERT INTO es_event (event_id, stream_name, revision, type, data, metadata)
    SELECT i.id, i.stream_name,
           s.revision + row_number() OVER (PARTITION BY i.stream_name ORDER BY i.ord),
           i.type, i.data, i.metadata
    FROM unnest(p_event_streams, p_ids, p_types, p_data, p_metadata) WITH ORDINALITY
         AS i(stream_name, id, type, data, metadata, ord)
    JOIN es_stream s ON s.stream_name = i.stream_name
    WHERE i.id <> ALL (v_stored)
    ORDER BY i.ord
    RETURNING stream_name, revision
  )
  UPDATE es_stream s
  SET revision = a.revision, last_transaction_id = pg_current_xact_id()
  FROM (SELECT stream_name, max(revision) AS revision FROM appended GROUP BY stream_name) a
  WHERE s.stream_name = a.stream_name;

  -- 5. A stream row created for a call that wrote nothing to it is not a stream.
  DELETE FROM es_stream s WHERE s.stream_name = ANY (p_streams) AND s.revision = -1;

  -- 6. Per stream, in call order: its revision, the position of the call's last event for it
  --    (written now or stored before; the stream's last event for a pure check), events written.
  RETURN QUERY
  SELECT x.stream_name, s.revision, e.transaction_id, e.global_position,
         (SELECT count(*)::int FROM unnest(p_event_streams, p_ids) AS i(stream_name, id)
          WHERE i.stream_name = x.stream_name AND i.id <> ALL (v_stored))
  FROM unnest(p_streams) WITH ORDINALITY AS x(stream_name, ord)
  LEFT JOIN es_stream s ON s.stream_name = x.stream_name
  LEFT JOIN LATERAL (
    SELECT coalesce(
      (SELECT i.id FROM unnest(p_event_streams, p_ids) WITH ORDINALITY AS i(stream_name, id, ord)
       WHERE i.stream_name = x.stream_name ORDER BY i.ord DESC LIMIT 1),
      (SELECT l.event_id FROM es_event l WHERE l.stream_name = s.stream_name AND l.revision = s.revision)
    ) AS id
  ) last ON true
  LEFT JOIN es_event e ON e.event_id = last.id
  ORDER BY x.ord;
END
$fn$`;
