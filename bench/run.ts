import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark } from './support';

// `npm run bench -- <name>`: runs one benchmark and prints JSON lines (see support.ts).
// Every `*.bench.js` beside this file exports `benchmarks: Record<string, Benchmark>`; adding a
// benchmark is adding such a file, nothing to edit here.
function registry(): Map<string, Benchmark> {
  const map = new Map<string, Benchmark>();
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.bench.js')).sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { benchmarks } = require(join(__dirname, file)) as { benchmarks?: Record<string, Benchmark> };
    for (const [name, run] of Object.entries(benchmarks ?? {})) {
      if (map.has(name)) throw new Error(`benchmark "${name}" is defined twice`);
      map.set(name, run);
    }
  }
  return map;
}

async function main(): Promise<void> {
  const benches = registry();
  const name = process.argv[2];
  const run = name === undefined ? undefined : benches.get(name);
  if (!run) {
    process.stderr.write(`usage: npm run bench -- <${[...benches.keys()].join('|')}>\n`);
    process.exitCode = 2;
    return;
  }
  await run();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
