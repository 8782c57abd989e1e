import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { sql, type Kysely } from 'kysely';
import { EVENT_STORE, formatPosition, type EventStore } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import { type ReadModelProgress, DATABASE, READ_MODEL_PROGRESS } from '@ledger/runtime';
import { Public } from '../auth/auth.decorators';
import { HealthAnswer } from './health.answer';

/**
 * Liveness + readiness: 200 when the database and the event store answer and every projection runs; 503 otherwise.
 * 503 `degraded` when all of that holds but some consumer has parked events (ADR 0010): nothing is
 * blocked, but facts are missing from read models or earnings until someone retries or skips them.
 * Process managers are listed with their lag (kind 'process_manager'); their running flag is not a readiness signal.
 */
@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<any>,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_PROGRESS) private readonly progress: ReadModelProgress,
  ) {}

  @Get('health')
  @ApiOkResponse({ type: HealthAnswer, description: 'Ready' })
  @ApiServiceUnavailableResponse({ type: HealthAnswer, description: 'Not ready: a dependency is down or a projection is stopped' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthAnswer> {
    const [database, eventStore, projections, parked] = await Promise.all([
      check(async () => {
        await sql`select 1`.execute(this.db);
        return {};
      }),
      check(async () => {
        const head = await this.eventStore.headPosition();
        return { head: head ? formatPosition(head) : null };
      }),
      check(async () => {
        const statuses = await this.progress.status();
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
      check(async () => ({ items: (await this.progress.parked()).filter((p) => p.parked > 0) })),
    ]);
    const projectionsRunning = projections.ok && (projections.items ?? []).every((p) => p.kind === 'process_manager' || p.running);
    const ready = database.ok && eventStore.ok && projectionsRunning;
    const nothingParked = parked.ok && (parked.items ?? []).length === 0;
    res.status(ready && nothingParked ? 200 : 503);
    if (!ready) res.setHeader('Retry-After', '5');
    return {
      status: !ready ? 'not_ready' : nothingParked ? 'ready' : 'degraded',
      checks: {
        database: { ok: database.ok, ms: database.ms, error: database.error },
        eventStore: { ok: eventStore.ok, ms: eventStore.ms, error: eventStore.error, head: eventStore.head ?? null },
        projections: { ok: projectionsRunning, ms: projections.ms, error: projections.error, items: projections.items ?? [] },
        parked: { ok: nothingParked, ms: parked.ms, error: parked.error, items: parked.items ?? [] },
      },
    };
  }
}

type Checked<T> = Partial<T> & { ok: boolean; ms: number; error?: string };

/** Runs one probe with a deadline; a probe never throws, it reports. */
async function check<T extends object>(probe: () => Promise<T>): Promise<Checked<T>> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${LIMITS.http.healthCheckTimeoutMs} ms`)), LIMITS.http.healthCheckTimeoutMs);
  });
  try {
    const result = await Promise.race([probe(), timeout]);
    return { ...result, ok: true, ms: Date.now() - started };
  } catch (error) {
    return { ok: false, ms: Date.now() - started, error: error instanceof Error ? error.message : String(error) } as Checked<T>;
  } finally {
    clearTimeout(timer);
  }
}
