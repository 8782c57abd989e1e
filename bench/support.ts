import { resolve } from 'node:path';
import { createTestDatabase, postgresAnswers, startEmbeddedPostgres, type TestDatabase } from '@ledger/db';

// Shared by every benchmark: a fresh database, a timer, and the JSON-line report.

export type Benchmark = () => Promise<void>;

/** One result line: `value` beside a `baseline` measured in the same run, on the same machine. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
}

/** `ratio` defaults to value / baseline; pass the median of paired ratios when runs were paired. */
export function report(name: string, value: number, unit: string, baseline: number | null = null, ratio?: number): BenchResult {
  const result: BenchResult = {
    name,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline === null ? null : Math.round((ratio ?? value / baseline) * 100) / 100,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return result;
}

/** Operations per second of `run`, which performs `count` operations. */
export async function rate(count: number, run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return count / seconds;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * A fresh database on the local PostgreSQL (TEST_PG_ADMIN_URL, else postgres@127.0.0.1:5432),
 * or on an embedded one when none answers. Dropped by the caller.
 */
export async function benchDatabase(): Promise<TestDatabase & { stop(): Promise<void> }> {
  const local = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let stop: () => Promise<void> = async () => undefined;
  if (await postgresAnswers(local)) {
    process.env.TEST_PG_ADMIN_URL = local;
  } else {
    const embedded = await startEmbeddedPostgres({ dir: resolve('.data/bench-pg'), port: 54331 });
    process.env.TEST_PG_ADMIN_URL = embedded.url;
    stop = embedded.stop;
    process.stderr.write(`[bench] no PostgreSQL at ${local}; using embedded PostgreSQL\n`);
  }
  return { ...(await createTestDatabase('ledger_bench')), stop };
}

function round(value: number): number {
  return value >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}
