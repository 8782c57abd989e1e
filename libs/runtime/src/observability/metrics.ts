import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ParkedConsumer, ReadModelStatus } from '../read-model-progress';

/**
 * Prometheus metrics of one process, in its own registry (so several apps in one test process
 * do not collide). The edge records HTTP and command latency; the metered event store records
 * appends; /metrics refreshes projection lag. Other modules inject `Metrics` and add their own
 * with `counter()` / `histogram()` / `gauge()` (idempotent by name).
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequestSeconds: Histogram<'method' | 'route' | 'status'>;
  readonly commandSeconds: Histogram<'command' | 'outcome'>;
  readonly eventsAppended: Counter<'category'>;
  readonly projectionLagEvents: Gauge<'projection'>;
  readonly projectionRunning: Gauge<'projection'>;
  readonly parkedEvents: Gauge<'consumer'>;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'ledger_' });
    this.httpRequestSeconds = this.histogram('ledger_http_request_duration_seconds', 'HTTP request duration by route and status', ['method', 'route', 'status']);
    this.commandSeconds = this.histogram('ledger_command_duration_seconds', 'Command (POST, not read-only) latency by command and outcome', ['command', 'outcome']);
    this.eventsAppended = this.counter('ledger_events_appended_total', 'Events written to the event store (idempotent no-ops not counted)', ['category']);
    this.projectionLagEvents = this.gauge('ledger_projection_lag_events', 'Events between the store head and the projection checkpoint', ['projection']);
    this.projectionRunning = this.gauge('ledger_projection_running', '1 when the projection is running', ['projection']);
    this.parkedEvents = this.gauge('ledger_parked_events', 'Events a consumer parked and nobody resolved or skipped yet (ADR 0010)', ['consumer']);
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return (this.registry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return (this.registry.getSingleMetric(name) as Gauge<L> | undefined) ?? new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(name: string, help: string, labelNames: readonly L[] = [], buckets?: number[]): Histogram<L> {
    return (
      (this.registry.getSingleMetric(name) as Histogram<L> | undefined) ??
      new Histogram({ name, help, labelNames, registers: [this.registry], buckets: buckets ?? [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] })
    );
  }

  recordProjections(statuses: ReadModelStatus[]): void {
    for (const s of statuses) {
      this.projectionLagEvents.set({ projection: s.name }, s.lagEvents);
      if (s.kind !== 'process_manager') this.projectionRunning.set({ projection: s.name }, s.running ? 1 : 0); // not observable for a PM
    }
  }

  /** Every known consumer gets a value (0 when nothing is parked), so an alert sees it drop back, not vanish. */
  recordParked(known: readonly string[], parked: readonly ParkedConsumer[]): void {
    this.parkedEvents.reset();
    for (const name of known) this.parkedEvents.set({ consumer: name }, 0);
    for (const p of parked) this.parkedEvents.set({ consumer: p.consumer }, p.parked);
  }

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
