/**
 * Waits, bounded, until the whole app is quiet: every checkpointed follower of `$all` (the projections and the
 * attribution/earnings process manager, which keeps its checkpoint in `projection_checkpoint` too) has passed
 * the last stored event, and no event was stored meanwhile — so the asynchronous process manager has done
 * everything the facts so far call for, and the read models show it. Not a sleep: it returns as soon as the
 * checkpoints pass the head, and fails loudly (naming the laggards) after `timeoutMs`.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { PROGRAM_CATALOG, type ProgramCatalog } from '@ledger/attribution';
import { comparePositions, formatPosition, parsePosition, type Position } from '@ledger/event-store';
import type { TestApp } from './app';

export interface SettleOptions {
  timeoutMs?: number;
  /** How often checkpoints are re-read. */
  pollMs?: number;
  /**
   * Followers that keep no checkpoint in `projection_checkpoint` cannot be observed; for them the head must
   * also stay unchanged this long after every checkpoint passed it. 0 when every follower is checkpointed.
   */
  quietMs?: number;
}

async function checkpoints(t: TestApp): Promise<Array<{ name: string; position: Position | null }>> {
  const rows = await sql<{ name: string; commit_position: string | null; prepare_position: string | null }>`
    select name, commit_position::text, prepare_position::text from projection_checkpoint limit 1000`.execute(t.db);
  return rows.rows.map((r) => ({
    name: r.name,
    position: r.commit_position === null || r.prepare_position === null ? null : { commit: BigInt(r.commit_position), prepare: BigInt(r.prepare_position) },
  }));
}

/**
 * The position of the last event actually stored. Not `headPosition()`: that is the last event *visible to
 * $all readers* (below the cluster-wide snapshot xmin), which lags behind while any transaction with an xid
 * runs anywhere on the PostgreSQL cluster — checkpoints equal to it would not mean "everything was read".
 */
async function storedHead(t: TestApp): Promise<Position | null> {
  const rows = await sql<{ commit: string; prepare: string }>`
    select transaction_id::text as commit, global_position::text as prepare from es_event
    order by transaction_id desc, global_position desc limit 1`.execute(t.db);
  const row = rows.rows[0];
  return row ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } : null;
}

/** The last stored event of one org's streams (every category), from the PostgreSQL adapter's tables. */
async function storedOrgHead(t: TestApp, org: string): Promise<Position | null> {
  const rows = await sql<{ commit: string; prepare: string }>`
    select e.transaction_id::text as commit, e.global_position::text as prepare
    from es_stream s join es_event e on e.stream_name = s.stream_name and e.revision = s.revision
    where s.org = ${org} order by e.transaction_id desc, e.global_position desc limit 1`.execute(t.db);
  const row = rows.rows[0];
  return row ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } : null;
}

/**
 * settle() for one org while other orgs keep working: every follower has passed the org's last stored event
 * and the org got no new event meanwhile. Exact for the process manager, whose checkpoint moves only after its
 * appends: once it passed the org's head, whatever it appended for those facts is already in the org's streams.
 */
export function settleOrg(t: TestApp, org: string, options: SettleOptions = {}): Promise<void> {
  return settleAt(t, () => storedOrgHead(t, org), `org ${org}`, options);
}

export function settle(t: TestApp, options: SettleOptions = {}): Promise<void> {
  return settleAt(t, () => storedHead(t), 'the store', options);
}

async function settleAt(t: TestApp, headOf: () => Promise<Position | null>, what: string, options: SettleOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pollMs = options.pollMs ?? 10;
  const quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
  const deadline = Date.now() + timeoutMs;
  let behind: string[] = [];
  for (;;) {
    const head = await headOf();
    if (head === null) return;
    behind = (await checkpoints(t)).filter((c) => c.position === null || comparePositions(c.position, head) < 0).map((c) => c.name);
    if (behind.length === 0 && !(await catalogReached(t, head, Math.max(0, deadline - Date.now())))) behind = ['program catalog (in memory)'];
    if (behind.length === 0) {
      if (quietMs > 0) await delay(quietMs);
      const again = await headOf();
      if (again !== null && comparePositions(again, head) === 0) return;
    } else {
      await delay(pollMs);
    }
    if (Date.now() > deadline) {
      const warnings = t
        .logs()
        .filter((line) => line.level === 'warn' || line.level === 'error' || (typeof line.level === 'number' && line.level >= 40))
        .filter((line, i, all) => i < 3 || i >= all.length - 3) // the first (the cause) and the latest
        .map((line) => JSON.stringify(line).slice(0, 2000));
      throw new Error(
        `${what} not settled within ${timeoutMs} ms: head ${formatPosition(head)}, behind: ${behind.join(', ') || '(head kept moving)'}` +
          (warnings.length > 0 ? `\nlast warnings of the app:\n  ${warnings.join('\n  ')}` : '') +
          (await storedEventsOfEarningsIn(t, warnings.join(' '))),
      );
    }
  }
}

/** For a bug report: the stored events (stream, revision, position, type) of every earning id the warnings name. */
async function storedEventsOfEarningsIn(t: TestApp, text: string): Promise<string> {
  const ids = [...new Set(text.match(/earning [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [])].map((m) => m.slice('earning '.length));
  if (ids.length === 0) return '';
  const rows = await sql<{ stream_name: string; revision: string; position: string; type: string; event_id: string; data: unknown }>`
    select stream_name, revision::text, transaction_id::text || '-' || global_position::text as position, type, event_id::text, data from es_event
    where data->>'earningId' = any(${ids}) or data->'earnings' @> any(array(select jsonb_build_array(jsonb_build_object('earningId', x)) from unnest(${ids}::text[]) x))
    order by transaction_id, global_position limit 50`.execute(t.db);
  const streams = [...new Set(rows.rows.map((r) => r.stream_name).filter((s) => s.startsWith('earning-')))];
  const whole = await sql<{ stream_name: string; revision: string; position: string; type: string; earning: string | null }>`
    select stream_name, revision::text, transaction_id::text || '-' || global_position::text as position, type, data->>'earningId' as earning
    from es_event where stream_name = any(${streams}) order by stream_name, revision limit 200`.execute(t.db);
  return (
    `\nstored events of ${ids.join(', ')}:\n  ${rows.rows.map((r) => JSON.stringify(r).slice(0, 700)).join('\n  ')}` +
    `\ntheir earning streams, whole:\n  ${whole.rows.map((r) => `${r.stream_name} #${r.revision} @${r.position} ${r.type} ${r.earning ?? ''}`).join('\n  ')}`
  );
}

/**
 * Waits until the in-memory program catalog (what code/apply answers from) holds every program event up to
 * `position`. Program commands already answer only once their own app's catalog holds their events; settle()
 * uses this for every other write (the process manager's, events appended straight to the store).
 */
export async function catalogReached(t: TestApp, position: Position | string | null, timeoutMs = 10_000): Promise<boolean> {
  const at = typeof position === 'string' ? parsePosition(position) : position;
  if (at === null) return true;
  const catalog = t.app.get<symbol, ProgramCatalog>(PROGRAM_CATALOG, { strict: false });
  return catalog.waitFor(at, timeoutMs);
}

export async function waitForCatalog(t: TestApp, position: string | null): Promise<void> {
  if (!(await catalogReached(t, position))) throw new Error(`the program catalog did not reach ${position} within 10 s`);
}

/** 0: every background follower that appends (the process manager) checkpoints in projection_checkpoint. */
export const DEFAULT_QUIET_MS = 0;
