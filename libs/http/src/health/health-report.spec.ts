// Proves a failing dependency is reported as a code, never as its error's text (which names hosts, ports,
// users): the database check runs against a real pool pointing to a closed port; the raw error is logged.
import { Writable } from 'node:stream';
import { createServer, type Socket } from 'node:net';
import { createDb } from '@ledger/db';
import type { EventStore } from '@ledger/event-store';
import { Logger, type ReadModelProgress } from '@ledger/runtime';
import { computeHealth } from './health-report';

/** A port nobody listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

it('database_unreachable, event_store_unreachable …: codes in the report, the raw errors only in the log', async () => {
  const port = await closedPort();
  const handle = createDb(`postgres://ledger:hunter2@127.0.0.1:${port}/ledger`, 1);
  const lines: Array<Record<string, unknown>> = [];
  const log = Logger.create({
    level: 'warn',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  });
  const failing = (what: string) => () => Promise.reject(new Error(`connect ECONNREFUSED 127.0.0.1:${port} (${what} at secret-host.internal)`));
  const eventStore = { headPosition: failing('event store') } as unknown as EventStore;
  const progress: ReadModelProgress = { status: failing('status'), parked: failing('parked') } as unknown as ReadModelProgress;
  try {
    const report = await computeHealth({ db: handle.db, eventStore, progress, log });
    expect(report.status).toBe('not_ready');
    expect(report.checks.database).toMatchObject({ ok: false, error: 'database_unreachable' });
    expect(report.checks.eventStore).toMatchObject({ ok: false, error: 'event_store_unreachable' });
    expect(report.checks.projections).toMatchObject({ ok: false, error: 'projection_status_unavailable' });
    expect(report.checks.parked).toMatchObject({ ok: false, error: 'parked_status_unavailable' });
    const text = JSON.stringify(report);
    for (const leak of ['ECONNREFUSED', String(port), 'secret-host', '127.0.0.1', 'hunter2']) expect(text).not.toContain(leak);
    // The operator still gets the cause, in the log.
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'health: check failed', check: 'database', code: 'database_unreachable', err: expect.objectContaining({ message: expect.stringContaining('ECONNREFUSED') }) }));
  } finally {
    await handle.close();
  }
});

it('a database that accepts the connection and never answers: database_timeout at the deadline', async () => {
  // A TCP peer that says nothing: the pool waits for PostgreSQL's greeting forever.
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as { port: number };
  const handle = createDb(`postgres://ledger@127.0.0.1:${port}/ledger`, 1);
  try {
    const report = await computeHealth({
      db: handle.db,
      eventStore: { headPosition: async () => null } as unknown as EventStore,
      progress: { status: async () => [], parked: async () => [] } as unknown as ReadModelProgress,
      log: Logger.create({ level: 'silent' }),
      timeoutMs: 50,
    });
    expect(report.checks.database).toMatchObject({ ok: false, error: 'database_timeout' });
    expect(report.checks.eventStore).toMatchObject({ ok: true });
    expect(report.status).toBe('not_ready');
  } finally {
    for (const socket of sockets) socket.destroy();
    await handle.close().catch(() => undefined);
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
});
