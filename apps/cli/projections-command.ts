import type { Kysely } from 'kysely';
import type { Pool } from 'pg';
import { formatPosition, type EventStore } from '@ledger/event-store';
import {
  PostgresProjectionProgress,
  rebuildAll,
  rebuildProjection,
  verifyProjection,
  type ProjectionLogger,
  type ProjectionRegistry,
} from '@ledger/projections';
import type { CliIo } from './cli-io';
import { rebuildProgress } from './rebuild-progress';

export interface Connection {
  db: Kysely<any>;
  pool: Pool;
  eventStore: EventStore;
  logger: ProjectionLogger;
}

/** `projections status | rebuild <name|all> | verify <name|all>`; returns the exit code. */
export async function runProjectionsCommand(args: readonly string[], connection: Connection, registry: ProjectionRegistry, io: CliIo): Promise<number> {
  const [action, target, ...extra] = args;
  if (action === 'status' && target === undefined) return status(connection, registry, io);
  if ((action === 'rebuild' || action === 'verify') && target !== undefined && extra.length === 0) {
    // Resolve every name before touching anything: a typo fails fast, not after half the work.
    const projections = registry.select(target);
    if (action === 'rebuild' && projections.length > 1) {
      // Every read model in one pass over $all (rebuildAll): far faster than one replay each.
      const reports = await rebuildAll({ ...connection, onPageProgress: rebuildProgress(io) }, projections);
      for (const report of reports) io.out(JSON.stringify({ action, ...report }));
      return 0;
    }
    let allEqual = true;
    for (const projection of projections) {
      if (action === 'rebuild') {
        const progress = rebuildProgress(io);
        let upTo = await connection.eventStore.headPosition();
        const report = await rebuildProjection({
          ...connection,
          onProgress: ({ position, eventsApplied }) => {
            if (upTo && position.commit > upTo.commit) upTo = position;
            if (upTo) progress({ eventsRead: eventsApplied, position, upTo });
          },
        }, projection);
        io.out(JSON.stringify({ action, ...report }));
      } else {
        const report = await verifyProjection(connection, projection);
        allEqual &&= report.equal;
        io.out(JSON.stringify({ action, ...report }));
      }
    }
    return allEqual ? 0 : 1;
  }
  io.err('usage: projections status | projections rebuild <name|all> | projections verify <name|all>');
  return 2;
}

async function status(connection: Connection, registry: ProjectionRegistry, io: CliIo): Promise<number> {
  const progress = new PostgresProjectionProgress({ db: connection.db, eventStore: connection.eventStore, projections: registry.all() });
  for (const s of await progress.status()) {
    io.out(
      JSON.stringify({
        ...s,
        checkpoint: s.checkpoint && formatPosition(s.checkpoint),
        head: s.head && formatPosition(s.head),
      }),
    );
  }
  return 0;
}
