import { sql, type Kysely } from 'kysely';
import { formatPosition, type EventStore } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import type { Logger, ReadModelProgress } from '@ledger/runtime';
import type { HealthChecks, HealthErrorCode, HealthStatus } from './health.answer';

/** One computation of /health: the status every caller sees, and the checks only privileged callers see. */
export interface HealthReport {
  status: HealthStatus;
  checks: HealthChecks;
  /** When it was computed (set by HealthMonitor). */
  computedAt?: Date;
}

export interface HealthDependencies {
  db: Kysely<any>;
  eventStore: EventStore;
  progress: ReadModelProgress;
  log: Logger;
  /** Per probe; a probe past it is reported as `<check>_timeout`. Default LIMITS.http.healthCheckTimeoutMs. */
  timeoutMs?: number;
}

/**
 * Runs the four probes in parallel. 200 `ready` when the database and the event store answer and every
 * projection runs; `degraded` when all of that holds but some consumer has parked events (ADR 0010);
 * `not_ready` otherwise. Process managers are listed with their lag; their running flag is not a readiness
 * signal. A probe never throws: it reports a code, and its raw error goes to the log only.
 */
export async function computeHealth(deps: HealthDependencies): Promise<HealthReport> {
  const timeoutMs = deps.timeoutMs ?? LIMITS.http.healthCheckTimeoutMs;
  const probe = <T extends object>(name: ProbeName, run: () => Promise<T>) => check(name, run, timeoutMs, deps.log);
  const [database, eventStore, projections, parked] = await Promise.all([
    probe('database', async () => {
      await sql`select 1`.execute(deps.db);
      return {};
    }),
    probe('event_store', async () => {
      const head = await deps.eventStore.headPosition();
      return { head: head ? formatPosition(head) : null };
    }),
    probe('projection_status', async () => {
      const statuses = await deps.progress.status();
      return {
        items: statuses.map((s) => ({
          name: s.name,
          kind: s.kind ?? ('projection' as const),
          running: s.running,
          lagEvents: s.lagEvents,
          checkpoint: s.checkpoint ? formatPosition(s.checkpoint) : null,
        })),
      };
    }),
    probe('parked_status', async () => ({ items: (await deps.progress.parked()).filter((p) => p.parked > 0) })),
  ]);
  const projectionsRunning = projections.ok && (projections.items ?? []).every((p) => p.kind === 'process_manager' || p.running);
  const ready = database.ok && eventStore.ok && projectionsRunning;
  const nothingParked = parked.ok && (parked.items ?? []).length === 0;
  return {
    status: !ready ? 'not_ready' : nothingParked ? 'ready' : 'degraded',
    checks: {
      database: { ok: database.ok, ms: database.ms, ...errorOf(database) },
      eventStore: { ok: eventStore.ok, ms: eventStore.ms, ...errorOf(eventStore), head: eventStore.head ?? null },
      projections: { ok: projectionsRunning, ms: projections.ms, ...errorOf(projections), items: projections.items ?? [] },
      parked: { ok: nothingParked, ms: parked.ms, ...errorOf(parked), items: parked.items ?? [] },
    },
  };
}

type ProbeName = 'database' | 'event_store' | 'projection_status' | 'parked_status';
type Checked<T> = Partial<T> & { ok: boolean; ms: number; error?: HealthErrorCode };

const errorOf = (checked: { error?: HealthErrorCode }) => (checked.error ? { error: checked.error } : {});

const FAILURE_CODES: Record<ProbeName, { failed: HealthErrorCode; timeout: HealthErrorCode }> = {
  database: { failed: 'database_unreachable', timeout: 'database_timeout' },
  event_store: { failed: 'event_store_unreachable', timeout: 'event_store_timeout' },
  projection_status: { failed: 'projection_status_unavailable', timeout: 'projection_status_timeout' },
  parked_status: { failed: 'parked_status_unavailable', timeout: 'parked_status_timeout' },
};

class ProbeTimeout extends Error {}

/** Runs one probe with a deadline; a probe never throws, it reports a code and logs the cause. */
async function check<T extends object>(name: ProbeName, probe: () => Promise<T>, timeoutMs: number, log: Logger): Promise<Checked<T>> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const result = await Promise.race([probe(), timeout]);
    return { ...result, ok: true, ms: Date.now() - started };
  } catch (error) {
    const code = error instanceof ProbeTimeout ? FAILURE_CODES[name].timeout : FAILURE_CODES[name].failed;
    log.warn('health: check failed', { check: name, code, err: error });
    return { ok: false, ms: Date.now() - started, error: code } as Checked<T>;
  } finally {
    clearTimeout(timer);
  }
}
