// Proves the embedded start as root (as CI runs) from a directory only root may enter (a clone in `mktemp -d`): the
// server runs as the postgres user from binaries and a cluster that user can reach, answers, and stops; a cluster the
// user cannot reach is refused with one line saying what to do. Bounded: one initdb and one start.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresError, startEmbeddedPostgres } from './embedded-postgres';

const asRoot = process.getuid?.() === 0;
const rootIt = asRoot ? it : it.skip;
jest.setTimeout(120_000);

let privateDir: string;
beforeAll(async () => {
  privateDir = await mkdtemp(join(tmpdir(), 'ledger-embedded-'));
  await chmod(privateDir, 0o700);
});
afterAll(() => rm(privateDir, { recursive: true, force: true }));

rootIt('starts, answers and stops from a 0700 directory, with the cluster where the postgres user can reach it', async () => {
  const dir = join(privateDir, 'clone', '.data', 'pg');
  const handle = await startEmbeddedPostgres({ dir, port: 55_000 + Math.floor(Math.random() * 5_000) });
  try {
    expect(handle.clusterDir).toMatch(/^\/var\/lib\/ledger\/embedded-[0-9a-f]{16}\/cluster$/);
    const client = new Client({ connectionString: handle.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('select 1 as n');
      expect(rows[0]!.n).toBe(1);
    } finally {
      await client.end();
    }
  } finally {
    await handle.stop();
    await rm(dirname(handle.clusterDir), { recursive: true, force: true });
  }
});

rootIt('refuses, in one line, to start an empty cluster elsewhere when an existing one is out of reach', async () => {
  const dir = join(privateDir, 'old-clone', '.data', 'pg');
  await mkdir(join(dir, 'cluster'), { recursive: true });
  await writeFile(join(dir, 'cluster', 'PG_VERSION'), '17\n');
  const started = startEmbeddedPostgres({ dir });
  await expect(started).rejects.toBeInstanceOf(EmbeddedPostgresError);
  const message = ((await started.catch((e: unknown) => e)) as Error).message;
  expect(message).not.toContain('\n');
  expect(message).toMatch(/not reachable by the postgres user: .*set DATABASE_URL/);
});
