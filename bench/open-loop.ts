import { connect, type Socket } from 'node:net';

// An open-loop HTTP load generator (what autocannon's fixed-rate mode and wrk2 do): requests leave
// on a fixed schedule whether or not earlier ones have answered, and each latency is measured
// from its SCHEDULED send time. A closed loop (send the next when the last answers) would slow
// down with the server and hide exactly the stalls a p99 is meant to show (coordinated omission).
//
// It speaks HTTP/1.1 over keep-alive sockets itself, like autocannon and wrk: the generator shares
// the machine with the server under test, and node:http's client cost ~0.3 ms of CPU per request
// (objects, header handling, garbage) — time that its own event loop and GC then add to every
// latency it measures. One request per connection at a time (no pipelining: no head-of-line blocking).

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

/** What went wrong with a failed request: enough to tell a server error from a socket closed under it. */
export interface FailureSample {
  /** `status`: an answer that was not what the benchmark expects; `socket`: the connection failed before an answer; `overflow`: no socket and no room to wait. */
  kind: 'status' | 'socket' | 'overflow';
  status?: number;
  body?: string;
  error?: string;
  /** How long the socket had been idle before this request was written on it, and how many it had carried before. */
  socketIdleMs?: number;
  socketRequests?: number;
  atMs: number;
}

export interface OpenLoopResult {
  sent: number;
  failed: number;
  /** The first failures (at most 10), described. */
  failures: FailureSample[];
  /** Latencies in ms, sorted ascending. */
  latenciesMs: number[];
  /** Requests answered per second over the run (should equal the rate). */
  achievedPerSecond: number;
}

const SOCKETS_MAX = 256; // far above need at 500/s and ~ms latencies; a cap so a stalled server cannot exhaust the client
const WAITING_MAX = 100_000; // requests whose time has come while every socket is busy
const TICK_MS = 1;
const HEADER_END = Buffer.from('\r\n\r\n');

interface Request {
  scheduledMs: number;
  bytes: string;
}

interface Outcome {
  latencyMs: number;
  ok: boolean;
  /** Set when !ok. */
  failure?: FailureSample;
}

const FAILURE_SAMPLES = 10;

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const intervalMs = 1_000 / options.ratePerSecond;
  const total = Math.round((options.durationMs / 1_000) * options.ratePerSecond);
  const latencies: number[] = [];
  const failures: FailureSample[] = [];
  let failed = 0;
  let answered = 0;
  const idle: Connection[] = [];
  const waiting: Request[] = [];
  let open = 0;
  let allAnswered: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allAnswered = resolve));

  const settle = (connection: Connection | null, outcome: Outcome | null, failure?: FailureSample) => {
    answered += 1;
    if (outcome === null || !outcome.ok) {
      failed += 1;
      const sample = outcome?.failure ?? failure;
      if (sample !== undefined && failures.length < FAILURE_SAMPLES) failures.push(sample);
    }
    if (outcome !== null) latencies.push(outcome.latencyMs);
    if (connection !== null) {
      const next = waiting.shift();
      if (next !== undefined) connection.send(next);
      else idle.push(connection);
    } else open -= 1;
    if (answered === total) allAnswered();
  };
  const dispatch = (request: Request) => {
    for (let connection = idle.pop(); connection !== undefined; connection = idle.pop()) {
      if (!connection.closed) return connection.send(request);
      open -= 1; // the server closed it while idle
    }
    if (open < SOCKETS_MAX) {
      open += 1;
      return new Connection(options.port, options.ok, settle).send(request);
    }
    if (waiting.length >= WAITING_MAX) return settle(null, null, { kind: 'overflow', atMs: performance.now() });
    waiting.push(request);
  };

  const head = Object.entries({ ...options.headers, host: `127.0.0.1:${options.port}`, 'content-type': 'application/json', connection: 'keep-alive' })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const startMs = performance.now();
  for (let i = 0; i < total; ) {
    const now = performance.now();
    // Send every request whose time has come (a late tick sends a small burst, as the schedule says).
    while (i < total && startMs + i * intervalMs <= now) {
      const body = options.body(i);
      dispatch({ scheduledMs: startMs + i * intervalMs, bytes: `POST ${options.path} HTTP/1.1\r\n${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}` });
      i += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  if (total > 0) await done;
  const elapsedS = (performance.now() - startMs) / 1_000;
  for (const connection of idle) connection.close();
  latencies.sort((a, b) => a - b);
  return { sent: total, failed, failures, latenciesMs: latencies, achievedPerSecond: latencies.length / elapsedS };
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[rank]!;
}

/** One keep-alive socket, one request at a time; answers must carry Content-Length (Nest's JSON answers do). */
class Connection {
  private readonly socket: Socket;
  closed = false;
  private current: Request | null = null;
  private received: Buffer = Buffer.alloc(0);

  constructor(
    port: number,
    private readonly ok: (status: number, body: string) => boolean,
    private readonly settle: (connection: Connection | null, outcome: Outcome | null, failure?: FailureSample) => void,
  ) {
    this.socket = connect({ host: '127.0.0.1', port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    let lastError: string | undefined;
    const fail = (error?: unknown) => {
      if (error instanceof Error) lastError = `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`.trim();
      if (this.closed) return;
      this.closed = true;
      const had = this.current;
      this.current = null;
      this.socket.destroy();
      // else it sits in the idle stack, where dispatch drops it
      if (had !== null) this.settle(null, null, { kind: 'socket', error: lastError ?? 'closed by the server', socketIdleMs: this.idleBeforeSendMs, socketRequests: this.requests - 1, atMs: performance.now() });
    };
    this.socket.on('error', fail);
    // The server's FIN (an idle keep-alive socket it closed) marks the socket unusable at once, not at 'close'.
    this.socket.on('end', () => fail());
    this.socket.on('close', () => fail());
  }

  private lastDoneMs = performance.now();
  private idleBeforeSendMs = 0;
  private requests = 0;

  send(request: Request): void {
    const now = performance.now();
    this.idleBeforeSendMs = Math.round(now - this.lastDoneMs);
    this.requests += 1;
    this.current = request;
    this.socket.write(request.bytes);
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    const headerEnd = this.received.indexOf(HEADER_END);
    if (headerEnd < 0 || this.current === null) return;
    const head = this.received.toString('latin1', 0, headerEnd);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (length === null) {
      this.socket.destroy(new Error('answer without Content-Length'));
      return;
    }
    const bodyStart = headerEnd + HEADER_END.length;
    const bodyEnd = bodyStart + Number(length[1]);
    if (this.received.length < bodyEnd) return;
    const status = Number(head.slice(9, 12));
    const body = this.received.toString('utf8', bodyStart, bodyEnd);
    const now = performance.now();
    const latencyMs = now - this.current.scheduledMs;
    this.received = this.received.subarray(bodyEnd);
    this.current = null;
    this.lastDoneMs = now;
    const ok = this.ok(status, body);
    this.settle(this, ok ? { latencyMs, ok } : { latencyMs, ok, failure: { kind: 'status', status, body: body.slice(0, 500), socketIdleMs: this.idleBeforeSendMs, socketRequests: this.requests - 1, atMs: now } });
  }
}
