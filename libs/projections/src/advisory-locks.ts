import { createHash } from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';
import { Client, type ClientConfig, type Pool } from 'pg';

// One active instance per projection: a session-level advisory lock held on a dedicated
// connection. Session locks live exactly as long as the connection, so a crashed or
// partitioned instance loses its lock with its connection (the lease), and a live one keeps
// it without renewals. Keys use the two-int4 form, (namespace, hash of the name), so they
// never collide with single-bigint advisory locks other code may take.

/** Held by whoever runs a projection's batches (a runner, or a rebuild/verify). */
const RUN_NAMESPACE = 0x50524a4c; // 'PRJL'
/** Held by a rebuild/verify that asks the live instance to yield RUN (and not take it back). */
const PAUSE_NAMESPACE = 0x50524a50; // 'PRJP'

const CLIENT_QUERY_TIMEOUT_MS = 10_000;

/** A signed int32 from the name; the registry refuses two projections with the same key. */
export function lockKey(name: string): number {
  return createHash('sha256').update(`projection:${name}`).digest().readInt32BE(0);
}

/**
 * SQL: is the lock ($ns, $key) granted to this session ('me') or to any session of this
 * database ('anyone')? pg_locks shows the int4 pair as (classid, objid) oids, objsubid = 2.
 */
function lockHeld(by: 'me' | 'anyone', ns: string, key: string): string {
  const who = by === 'me' ? 'pid = pg_backend_pid()' : 'database = (select oid from pg_database where datname = current_database())';
  return `exists (select 1 from pg_locks where locktype = 'advisory' and ${who}
    and classid = ${ns}::int4::oid and objid = ${key}::int4::oid and objsubid = 2 and granted)`;
}

/** Where a projection's run lock stands for this runner, as of one LeaseConnection.refresh. */
export type LockState = 'held' | 'yield' | 'acquired' | 'busy';

/**
 * The runner's dedicated lock connection, shared by its projection loops. Its queries are
 * serialised here (a promise chain): the loops run concurrently, and a pg Client must not be
 * handed a query while one is in flight (pg deprecates that). They are tiny, so queueing is
 * cheap. Any error drops the connection, and with it every lock: callers see "not held" and
 * re-acquire, then reload their checkpoint.
 */
export class LeaseConnection {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  /** Settles when the last queued query has finished (never rejects): the mutex. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Numbers the connections (sessions): a lock held in one session is gone with it, whatever a later one holds. */
  private sessions = 0;
  private clientSession = 0;

  constructor(private readonly config: ClientConfig) {}

  static fromPool(pool: Pool): LeaseConnection {
    return new LeaseConnection({ ...pool.options, application_name: 'ledger-projection-lease' });
  }

  /** Takes RUN unless someone holds PAUSE (a rebuild/verify waiting for us to yield). */
  async tryAcquire(name: string): Promise<boolean> {
    const key = lockKey(name);
    const row = await this.query<{ ok: boolean }>(
      `select case when ${lockHeld('anyone', '$2', '$3')} then false
                   else pg_try_advisory_lock($1::int4, $3::int4) end as ok`,
      [RUN_NAMESPACE, PAUSE_NAMESPACE, key],
    );
    return row?.ok === true;
  }

  /** Re-checked before every batch: still ours on this live connection, and nobody asked us to yield. */
  async stillHolds(name: string): Promise<boolean> {
    return (await this.stillHoldsIn(name)) !== null;
  }

  /** stillHolds, answering the session the lock is held in (null: not held, or we must yield). */
  async stillHoldsIn(name: string): Promise<number | null> {
    const key = lockKey(name);
    const { rows, session } = await this.queryRows<{ ok: boolean }>(
      `select ${lockHeld('me', '$1', '$3')} and not ${lockHeld('anyone', '$2', '$3')} as ok`,
      [RUN_NAMESPACE, PAUSE_NAMESPACE, key],
    );
    return rows[0]?.ok === true ? session : null;
  }

  /** The session a query would run in now; 0 when there is no live connection (the next query opens a new one). */
  get currentSession(): number {
    return this.client ? this.clientSession : 0;
  }

  /**
   * The runner's once-per-poll lock round for every projection it runs, in ONE statement (one
   * query per poll instead of one per projection): each name comes back 'held' (ours, nobody
   * asked us to yield), 'yield' (ours, but a rebuild/verify holds PAUSE: the loop must release
   * it between batches), 'acquired' (taken just now) or 'busy' (someone else runs it, or PAUSE
   * is held). Acquiring here, not in the loop, is what lets a passive instance poll cheaply too.
   * With `acquire` false, free locks are only reported 'busy', not taken. Answers the session too.
   */
  async refresh(names: readonly string[], acquire = true): Promise<{ session: number; states: Map<string, LockState> }> {
    const states = new Map<string, LockState>();
    if (names.length === 0) return { session: this.currentSession, states };
    const keys = names.map(lockKey);
    const { rows, session } = await this.queryRows<{ key: number; state: LockState }>(
      `with held as materialized (
         select classid, objid, pid = pg_backend_pid() as mine from pg_locks
         where locktype = 'advisory' and objsubid = 2 and granted and classid in ($1::int4::oid, $2::int4::oid)
           and database = (select oid from pg_database where datname = current_database()))
       select key, case
                when mine then case when paused then 'yield' else 'held' end
                when paused then 'busy'
                when $4::boolean and pg_try_advisory_lock($1::int4, key) then 'acquired'
                else 'busy' end as state
       from (select k.key,
                    exists (select 1 from held h where h.classid = $1::int4::oid and h.objid = k.key::oid and h.mine) as mine,
                    exists (select 1 from held h where h.classid = $2::int4::oid and h.objid = k.key::oid) as paused
             from unnest($3::int4[]) as k(key)) s`,
      [RUN_NAMESPACE, PAUSE_NAMESPACE, keys, acquire],
    );
    const byKey = new Map(rows.map((row) => [row.key, row.state]));
    for (const name of names) states.set(name, byKey.get(lockKey(name)) ?? 'busy');
    return { session, states };
  }

  async release(name: string): Promise<void> {
    if (!this.client) return; // connection gone: so is the lock
    await this.query('select pg_advisory_unlock($1::int4, $2::int4)', [RUN_NAMESPACE, lockKey(name)]).catch(() => undefined);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private async query<R>(text: string, values: unknown[]): Promise<R | undefined> {
    return (await this.queryRows<R>(text, values)).rows[0];
  }

  /** Runs one statement after every earlier one has finished; one at a time on the client. */
  private queryRows<R>(text: string, values: unknown[]): Promise<{ rows: R[]; session: number }> {
    const run = this.tail.then(() => this.queryNow<R>(text, values));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Runs one statement; on any failure the connection is dropped (locks released) and the error rethrown. */
  private async queryNow<R>(text: string, values: unknown[]): Promise<{ rows: R[]; session: number }> {
    const client = await this.connect();
    const session = this.clientSession;
    try {
      return { rows: (await client.query(text, values)).rows as R[], session };
    } catch (error) {
      if (this.client === client) this.client = null;
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private async connect(): Promise<Client> {
    if (this.client) return this.client;
    this.connecting ??= (async () => {
      const client = new Client({ ...this.config, keepAlive: true, query_timeout: CLIENT_QUERY_TIMEOUT_MS });
      // A broken idle connection emits 'error'; forget it so the next call reconnects.
      client.on('error', () => {
        if (this.client === client) this.client = null;
      });
      client.on('end', () => {
        if (this.client === client) this.client = null;
      });
      await client.connect();
      this.client = client;
      this.clientSession = ++this.sessions;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }
}

/** True while some session of this database runs the projection (holds RUN): status()'s `running`. */
export async function isRunningAnywhere(db: Kysely<any>, name: string): Promise<boolean> {
  const query = CompiledQuery.raw(`select ${lockHeld('anyone', '$1', '$2')} as ok`, [RUN_NAMESPACE, lockKey(name)]);
  const { rows } = await db.executeQuery<{ ok: boolean }>(query);
  return rows[0]?.ok === true;
}

export class ProjectionBusy extends Error {
  readonly code = 'PROJECTIONS.BUSY';
  constructor(readonly projection: string, waitMs: number) {
    super(`projection ${projection}: could not take its lock within ${waitMs} ms (another rebuild/verify, or a live instance that did not yield)`);
    this.name = 'ProjectionBusy';
  }
}

/** Exclusive hold for rebuild/verify: the live instance is paused until release(). */
export interface ExclusiveHold {
  /** False once the connection (and so the locks) is gone: the live instance may have resumed. */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Takes PAUSE (so the live instance yields RUN at its next batch boundary and does not take
 * it back), then RUN itself, waiting at most `waitMs` for each.
 */
export async function holdExclusive(pool: Pool, name: string, waitMs: number): Promise<ExclusiveHold> {
  const key = lockKey(name);
  const client = new Client({
    ...pool.options,
    application_name: 'ledger-projection-maintenance',
    keepAlive: true,
    query_timeout: waitMs + CLIENT_QUERY_TIMEOUT_MS,
  });
  client.on('error', () => undefined); // surfaces as a failed query or stillHeld() = false
  await client.connect();
  try {
    await client.query(`set lock_timeout = ${Math.trunc(waitMs)}`);
    await client.query(`set statement_timeout = ${Math.trunc(waitMs) + CLIENT_QUERY_TIMEOUT_MS}`);
    await client.query('select pg_advisory_lock($1::int4, $2::int4)', [PAUSE_NAMESPACE, key]);
    await client.query('select pg_advisory_lock($1::int4, $2::int4)', [RUN_NAMESPACE, key]);
  } catch (error) {
    await client.end().catch(() => undefined);
    if (isLockTimeout(error)) throw new ProjectionBusy(name, waitMs);
    throw error;
  }
  let released = false;
  return {
    stillHeld: async () => {
      if (released) return false;
      try {
        const result = await client.query(`select ${lockHeld('me', '$1', '$2')} as ok`, [RUN_NAMESPACE, key]);
        return result.rows[0]?.ok === true;
      } catch {
        return false;
      }
    },
    release: async () => {
      if (released) return;
      released = true;
      await client.end().catch(() => undefined); // ending the session releases both locks
    },
  };
}

function isLockTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '55P03';
}
