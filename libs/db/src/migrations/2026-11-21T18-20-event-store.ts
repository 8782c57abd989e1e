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
  await sql`DROP FUNCTION IF EXISTS es_append(text[], text[], jsonb)`.execute(db);
  await sql`DROP TABLE IF EXISTS es_event`.execute(db);
  await sql`DROP TABLE IF EXISTS es_stream`.execute(db);
}

// Errors the adapter maps to typed errors:
//   ESWEV  wrong expected version; DETAIL = {"stream": ..., "actual": revision or null}
//   ESDUP  an event id is stored with another stream, type or data; DETAIL = the event id
//   40001  the ordering guard (below) fired; the adapter retries in a new transaction
const ES_APPEND = `
CREATE OR REPLACE FUNCTION es_append(
  p_streams text[],        -- the streams of the call, each once
  p_expected text[],       -- per stream: 'any' | 'no_stream' | 'stream_exists' | '<revision>'
  p_events jsonb           -- [{stream, id, type, data, metadata}], a stream's events in order
) RETURNS TABLE (r_stream text, r_revision bigint, r_commit xid8, r_prepare bigint, r_written int)
LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan
AS $fn$
DECLARE
  v_event_streams text[];
  v_ids uuid[];
  v_types text[];
  v_data jsonb[];
  v_metadata jsonb[];
  v_locked text[];
  v_revisions bigint[];
  v_last_writers xid8[];
  v_stored uuid[];
  v_mismatch uuid;
  v_bad record;
BEGIN
  -- The ordering guard (3) compares this transaction's id with earlier writers': nothing else
  -- may run in this transaction.
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'es_append must run in a transaction of its own';
  END IF;
  -- The events as columns, decoded once.
  SELECT coalesce(array_agg(e.stream ORDER BY e.ord), '{}'), coalesce(array_agg(e.id ORDER BY e.ord), '{}'),
         coalesce(array_agg(e.type ORDER BY e.ord), '{}'), coalesce(array_agg(e.data ORDER BY e.ord), '{}'),
         coalesce(array_agg(e.metadata ORDER BY e.ord), '{}')
  INTO v_event_streams, v_ids, v_types, v_data, v_metadata
  FROM ROWS FROM (jsonb_to_recordset(p_events) AS (stream text, id uuid, type text, data jsonb, metadata jsonb))
       WITH ORDINALITY AS e(stream, id, type, data, metadata, ord);
  IF cardinality(p_streams) IS DISTINCT FROM cardinality(p_expected)
     OR array_position(v_event_streams, NULL) IS NOT NULL
     OR NOT v_event_streams <@ p_streams THEN
    RAISE EXCEPTION 'es_append: malformed call (array lengths, or an event of a stream not in p_streams)';
  END IF;

  -- 1. Lock the existing stream rows in name order, so that concurrent calls wait for each
  --    other per stream and never deadlock, and keep what they say: every later step works from
  --    this state. A new stream has no row yet and stays at revision -1 for this call even if
  --    another call creates it meanwhile: both then write its revision 0, collide on es_event's
  --    unique (stream_name, revision), and the loser runs again (and now finds the stream).
  SELECT coalesce(array_agg(l.stream_name), '{}'), coalesce(array_agg(l.revision), '{}'),
         coalesce(array_agg(l.last_transaction_id), '{}')
  INTO v_locked, v_revisions, v_last_writers
  FROM (SELECT s.stream_name, s.revision, s.last_transaction_id FROM es_stream s
        WHERE s.stream_name = ANY (p_streams) ORDER BY s.stream_name FOR UPDATE) l;

  -- 2. Ids stored already (a re-delivery) must be the very same event.
  SELECT coalesce(array_agg(e.event_id), '{}'),
         (array_agg(e.event_id) FILTER (
            WHERE (e.stream_name, e.type, e.data) IS DISTINCT FROM (i.stream_name, i.type, i.data)))[1]
  INTO v_stored, v_mismatch
  FROM unnest(v_event_streams, v_ids, v_types, v_data) AS i(stream_name, id, type, data)
  JOIN es_event e ON e.event_id = i.id;
  IF v_mismatch IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'ESDUP', MESSAGE = 'event id stored with other content', DETAIL = v_mismatch::text;
  END IF;

  -- 3. Check each stream that gets new events, or none at all (a pure revision check). A stream
  --    whose events are all stored already is an idempotent re-append: success, no check (a
  --    retry must not fail because its first attempt succeeded).
  FOR v_bad IN
    SELECT x.stream_name, coalesce(s.revision, -1) AS revision,
           NOT CASE x.expected
                 WHEN 'any' THEN true
                 WHEN 'no_stream' THEN s.revision IS NULL
                 WHEN 'stream_exists' THEN s.revision IS NOT NULL
                 ELSE s.revision IS NOT DISTINCT FROM x.expected::bigint
               END AS wrong_version
    FROM unnest(p_streams, p_expected) AS x(stream_name, expected)
    LEFT JOIN unnest(v_locked, v_revisions, v_last_writers) AS s(stream_name, revision, last_transaction_id)
           ON s.stream_name = x.stream_name
    LEFT JOIN (
      SELECT i.stream_name, count(*) FILTER (WHERE i.id <> ALL (v_stored)) AS new_events
      FROM unnest(v_event_streams, v_ids) AS i(stream_name, id) GROUP BY i.stream_name
    ) n ON n.stream_name = x.stream_name
    WHERE (n.stream_name IS NULL OR n.new_events > 0)
      AND (NOT CASE x.expected
                 WHEN 'any' THEN true
                 WHEN 'no_stream' THEN s.revision IS NULL
                 WHEN 'stream_exists' THEN s.revision IS NOT NULL
                 ELSE s.revision IS NOT DISTINCT FROM x.expected::bigint
               END
           -- Ordering guard: this transaction got its id before it held this stream's lock,
           -- and a later transaction wrote the stream meanwhile. Our events would sort before
           -- that one's in $all and break the stream's revision order there (ADR 0002).
           OR (n.new_events > 0 AND s.last_transaction_id > pg_current_xact_id()))
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
  --    follows it), and write each stream row once.
  WITH appended AS (
    INSERT INTO es_event (event_id, stream_name, revision, type, data, metadata)
    SELECT i.id, i.stream_name,
           coalesce(s.revision, -1) + row_number() OVER (PARTITION BY i.stream_name ORDER BY i.ord),
           i.type, i.data, i.metadata
    FROM unnest(v_event_streams, v_ids, v_types, v_data, v_metadata) WITH ORDINALITY
         AS i(stream_name, id, type, data, metadata, ord)
    LEFT JOIN unnest(v_locked, v_revisions) AS s(stream_name, revision) ON s.stream_name = i.stream_name
    WHERE i.id <> ALL (v_stored)
    ORDER BY i.ord
    RETURNING stream_name, revision
  )
  INSERT INTO es_stream AS s (stream_name, category, org, revision, last_transaction_id)
  SELECT a.stream_name, split_part(a.stream_name, '-', 1),
         split_part(substr(a.stream_name, strpos(a.stream_name, '-') + 1), '.', 1),
         max(a.revision), pg_current_xact_id()
  FROM appended a GROUP BY a.stream_name
  ON CONFLICT (stream_name) DO UPDATE
  SET revision = excluded.revision, last_transaction_id = excluded.last_transaction_id;

  -- 5. Per stream, in call order: its revision, the position of the call's last event for it
  --    (written now or stored before; the stream's last event for a pure check), events written.
  RETURN QUERY
  SELECT x.stream_name, s.revision, e.transaction_id, e.global_position, coalesce(n.new_events, 0)::int
  FROM unnest(p_streams) WITH ORDINALITY AS x(stream_name, ord)
  LEFT JOIN es_stream s ON s.stream_name = x.stream_name
  LEFT JOIN (
    SELECT i.stream_name, (array_agg(i.id ORDER BY i.ord DESC))[1] AS last_id,
           count(*) FILTER (WHERE i.id <> ALL (v_stored)) AS new_events
    FROM unnest(v_event_streams, v_ids) WITH ORDINALITY AS i(stream_name, id, ord) GROUP BY i.stream_name
  ) n ON n.stream_name = x.stream_name
  LEFT JOIN es_event e ON e.event_id = coalesce(n.last_id,
    (SELECT l.event_id FROM es_event l WHERE l.stream_name = s.stream_name AND l.revision = s.revision))
  ORDER BY x.ord;
END
$fn$`;
