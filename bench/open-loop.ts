import { Agent, request } from 'node:http';

// An open-loop HTTP load generator (what autocannon's fixed-rate mode and wrk2 do): requests leave
// on a fixed schedule whether or not earlier ones have answered, and each latency is measured
// from its SCHEDULED send time. A closed loop (send the next when the last answers) would slow
// down with the server and hide exactly the stalls a p99 is meant to show (coordinated omission).

export interface OpenLoopOptions {
  port: number;
  path: string;
  headers: Record<string, string>;
  ratePerSecond: number;
  durationMs: number;
  /** The body of request number i. */
  body(i: number): string;
  /** True when the answer is what the benchmark expects (status and body). */
  ok(status: number, body: string): boolean;
}

export interface OpenLoopResult {
  sent: number;
  failed: number;
  /** Latencies in ms, sorted ascending. */
  latenciesMs: number[];
  /** Requests answered per second over the run (should equal the rate). */
  achievedPerSecond: number;
}

const SOCKETS_MAX = 256; // far above need at 500/s and ~ms latencies; a cap so a stalled server cannot exhaust the client
const TICK_MS = 1;

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS_MAX });
  const intervalMs = 1_000 / options.ratePerSecond;
  const total = Math.round((options.durationMs / 1_000) * options.ratePerSecond);
  const latencies: number[] = [];
  let failed = 0;
  const inFlight: Array<Promise<void>> = [];
  const startMs = performance.now();

  for (let i = 0; i < total; ) {
    const now = performance.now();
    // Send every request whose time has come (a late tick sends a small burst, as the schedule says).
    while (i < total && startMs + i * intervalMs <= now) {
      const scheduledMs = startMs + i * intervalMs;
      inFlight.push(
        send(agent, options, options.body(i)).then(
          ({ status, body }) => {
            latencies.push(performance.now() - scheduledMs);
            if (!options.ok(status, body)) failed += 1;
          },
          () => {
            failed += 1;
          },
        ),
      );
      i += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.all(inFlight);
  const elapsedS = (performance.now() - startMs) / 1_000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { sent: total, failed, latenciesMs: latencies, achievedPerSecond: latencies.length / elapsedS };
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[rank]!;
}

function send(agent: Agent, options: OpenLoopOptions, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port,
        path: options.path,
        method: 'POST',
        agent,
        headers: { ...options.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
