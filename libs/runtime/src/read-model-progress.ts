import type { Position } from '@ledger/event-store';

/**
 * What the edge needs from the projection runtime: the shape of ProjectionProgress
 * (@ledger/projections), restated here so this lib has no dependency on that one — the
 * projection registry imports every capability, and every capability imports this lib.
 * The runtime hands in the real ProjectionRunner / PostgresProjectionProgress; TypeScript
 * checks the two shapes agree where apps/main builds the runtime.
 */
export interface ReadModelProgress {
  waitFor(position: Position, timeoutMs: number): Promise<boolean>;
  status(): Promise<ReadModelStatus[]>;
  /** Consumers (projections, process managers, the NATS consumer) with events parked and not resolved or skipped. */
  parked(): Promise<ParkedConsumer[]>;
}

export interface ParkedConsumer {
  consumer: string;
  parked: number;
}

export interface ReadModelStatus {
  name: string;
  checkpoint: Position | null;
  head: Position | null;
  lagEvents: number;
  /** For a process manager (kind 'process_manager') not observable, so not a readiness signal. */
  running: boolean;
  /** Absent or 'projection': a read model; 'process_manager': reported for its checkpoint and lag only. */
  kind?: 'projection' | 'process_manager';
  /** Its events parked and not resolved or skipped yet. */
  parked?: number;
}
