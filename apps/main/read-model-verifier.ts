import type { Kysely } from 'kysely';
import type { Pool } from 'pg';
import type { EventStore } from '@ledger/event-store';
import { verifyProjection, type ProjectionLogger, type ProjectionRegistry } from '@ledger/projections';
import type { ReadModelVerifier } from '@ledger/runtime';

/**
 * audit/verify's implementation: the CLI's verify (replay beside the live tables, per-table checksums)
 * for one projection or each in turn, bounded by the caller's signal and event cap.
 */
export function readModelVerifier(deps: { db: Kysely<any>; pool: Pool; eventStore: EventStore; registry: ProjectionRegistry; logger: ProjectionLogger }): ReadModelVerifier {
  return {
    names: () => deps.registry.all().map((p) => p.name),
    async verify({ projection, signal, maxEvents, pauseWaitMs }) {
      const selected = projection === undefined ? deps.registry.all() : [deps.registry.get(projection)];
      const reports = [];
      for (const p of selected) {
        signal.throwIfAborted();
        const report = await verifyProjection({ db: deps.db, pool: deps.pool, eventStore: deps.eventStore, logger: deps.logger, signal, maxEvents, pauseWaitMs }, p);
        const joined = (side: 'live' | 'rebuilt') => report.tables.map((t) => `${t.table}=${t[side]}`).join(';');
        reports.push({ name: p.name, live: joined('live'), rebuilt: joined('rebuilt'), equal: report.equal });
      }
      return reports;
    },
  };
}
