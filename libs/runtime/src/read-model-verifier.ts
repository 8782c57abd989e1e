/**
 * Rebuild-beside-live checksums of the read models, as the audit edge asks for them (audit/verify).
 * Implemented by the composition root with the projection runtime (apps/main/read-model-verifier.ts);
 * stated here so the audit context needs no dependency on @ledger/projections' registry.
 */
export interface ReadModelVerifier {
  /** Projection names, for validating a request. */
  names(): string[];
  /**
   * Verifies one projection (or every one): replays its history beside the live tables and compares a
   * checksum per table. Bounded: stops with ReadModelVerifyTooLarge past `maxEvents` per projection,
   * and with an abort when `signal` fires; the live tables are never changed.
   */
  verify(options: { projection?: string; signal: AbortSignal; maxEvents: number; pauseWaitMs: number }): Promise<ReadModelVerifyReport[]>;
}

export interface ReadModelVerifyReport {
  name: string;
  /** `<table>=<rows>:<sum>` per table of the projection, joined by `;`. */
  live: string;
  rebuilt: string;
  equal: boolean;
}

export const READ_MODEL_VERIFIER = Symbol('READ_MODEL_VERIFIER');
