import { sql, type Kysely } from 'kysely';

// es_append_one: es_append for a call with one stream — what every command and the checkout's
// touch append make. Same contract, same errors (ESWEV, ESDUP, 40001; 23505 when a concurrent
// call created the stream first), same answer row; the adapter picks it when a call names one
// stream. Why a second function: es_append's set-based statements (unnest joins, window
// numbering, grouping per stream) must be planned for every call (a plan cached while es_event
// was small would scan it whole later: plan_cache_mode = force_custom_plan), and that planning
// is most of its cost for one stream — measured 0.95 ms of server time per single-event call,
// against 0.03 ms for a plain INSERT. Here every statement is an equality lookup on a unique
// index, a plan that stays right however es_event grows; enable_seqscan = off keeps a plan made
// while the tables were tiny from ever scanning them, so the plans can be cached per connection.
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(ES_APPEND_ONE).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS es_append_one(text, text, jsonb)`.execute(db);
}

const ES_APPEND_ONE = `
CREATE OR REPLACE FUNCTION es_append_one(
  p_stream text,           -- the one stream of the call
  p_expected text,         -- 'any' | 'no_stream' | 'stream_exists' | '<revision>'
  p_events jsonb           -- [{stream, id, type, data, metadata}] in order, every stream = p_stream
) RETURNS TABLE (r_stream text, r_revision bigint, r_commit xid8, r_prepare bigint, r_written int)
LANGUAGE plpgsql
SET enable_seqscan = off
AS $fn$
DECLARE
  v_ids uuid[];
  v_exists boolean;
  v_revision bigint;
  v_last_writer xid8;
  v_stored uuid[];
  v_mismatch uuid;
  v_new int;
  v_wrong boolean;
BEGIN
  -- As in es_append: the ordering guard compares this transaction's id with earlier writers'.
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'es_append must run in a transaction of its own';
  END IF;
  SELECT coalesce(array_agg(e.id ORDER BY e.ord), '{}'), bool_and(e.stream IS NOT DISTINCT FROM p_stream)
  INTO v_ids, v_wrong
  FROM ROWS FROM (jsonb_to_recordset(p_events) AS (stream text, id uuid)) WITH ORDINALITY AS e(stream, id, ord);
  IF v_wrong IS FALSE THEN
    RAISE EXCEPTION 'es_append_one: malformed call (an event of another stream)';
  END IF;

  -- 1. Lock the stream row (if the stream exists) and keep what it says.
  SELECT s.revision, s.last_transaction_id INTO v_revision, v_last_writer
  FROM es_stream s WHERE s.stream_name = p_stream FOR UPDATE;
  v_exists := FOUND;

  -- 2. Ids stored already (a re-delivery) must be the very same event.
  SELECT coalesce(array_agg(e.event_id), '{}'),
         (array_agg(e.event_id) FILTER (
            WHERE (e.stream_name, e.type, e.data) IS DISTINCT FROM (p_stream, i.type, i.data)))[1]
  INTO v_stored, v_mismatch
  FROM es_event e
  JOIN jsonb_to_recordset(p_events) AS i(id uuid, type text, data jsonb) ON i.id = e.event_id
  WHERE e.event_id = ANY (v_ids);
  IF v_mismatch IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'ESDUP', MESSAGE = 'event id stored with other content', DETAIL = v_mismatch::text;
  END IF;
  v_new := cardinality(v_ids) - cardinality(v_stored);

  -- 3. Check the expected revision when the call writes something or is a pure check; a call
  --    whose events are all stored already is an idempotent re-append: success, no check.
  IF cardinality(v_ids) = 0 OR v_new > 0 THEN
    v_wrong := NOT CASE p_expected
                     WHEN 'any' THEN true
                     WHEN 'no_stream' THEN NOT v_exists
                     WHEN 'stream_exists' THEN v_exists
                     ELSE v_exists AND v_revision = p_expected::bigint
                   END;
    IF v_wrong THEN
      RAISE EXCEPTION USING ERRCODE = 'ESWEV', MESSAGE = 'wrong expected version',
        DETAIL = json_build_object('stream', p_stream, 'actual', CASE WHEN v_exists THEN v_revision::text END)::text;
    END IF;
    -- Ordering guard (ADR 0002), as in es_append.
    IF v_new > 0 AND v_exists AND v_last_writer > pg_current_xact_id() THEN
      RAISE EXCEPTION USING ERRCODE = '40001', MESSAGE = 'stream written by a later transaction; retry';
    END IF;
  END IF;

  -- 4. Append the new events after the stream's revision, in call order, and write the stream row.
  IF v_new > 0 THEN
    INSERT INTO es_event (event_id, stream_name, revision, type, data, metadata)
    SELECT i.id, p_stream, coalesce(v_revision, -1) + row_number() OVER (ORDER BY i.ord), i.type, i.data, i.metadata
    FROM ROWS FROM (jsonb_to_recordset(p_events) AS (id uuid, type text, data jsonb, metadata jsonb))
         WITH ORDINALITY AS i(id, type, data, metadata, ord)
    WHERE i.id <> ALL (v_stored)
    ORDER BY i.ord;
    v_revision := coalesce(v_revision, -1) + v_new;
    INSERT INTO es_stream AS s (stream_name, category, org, revision, last_transaction_id)
    VALUES (p_stream, split_part(p_stream, '-', 1),
            split_part(substr(p_stream, strpos(p_stream, '-') + 1), '.', 1), v_revision, pg_current_xact_id())
    ON CONFLICT (stream_name) DO UPDATE
    SET revision = excluded.revision, last_transaction_id = excluded.last_transaction_id;
  END IF;

  -- 5. The stream's revision and the position of the call's last event (written now or stored
  --    before; the stream's last event for a pure check), and how many events were written.
  RETURN QUERY
  SELECT p_stream, CASE WHEN v_exists OR v_new > 0 THEN v_revision END, e.transaction_id, e.global_position, v_new
  FROM (SELECT 1) AS one
  LEFT JOIN es_event e ON e.event_id = CASE
    WHEN cardinality(v_ids) > 0 THEN v_ids[cardinality(v_ids)]
    ELSE (SELECT l.event_id FROM es_event l WHERE l.stream_name = p_stream AND l.revision = v_revision)
  END;
END
$fn$`;
