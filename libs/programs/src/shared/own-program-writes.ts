// A program command answers once this process's readers of program events have its events, so the
// caller's next request on the same instance sees them (code/create, then code/apply at once).
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Position } from '@ledger/event-store';

/**
 * Provided by whatever folds program events in memory in this process (the attribution context's
 * program catalog). Contexts are peers and import none of each other, so the port lives here and
 * the flows wing binds it to the catalog (@ledger/flows ProgramWritesSeenModule).
 */
export const PROGRAM_EVENTS_READER = Symbol('PROGRAM_EVENTS_READER');

export interface ProgramEventsReader {
  /** Resolves once every program event up to `position` is folded (bounded; it never throws). */
  reach(position: Position): Promise<void>;
}

@Injectable()
export class OwnProgramWrites {
  constructor(@Optional() @Inject(PROGRAM_EVENTS_READER) private readonly reader?: ProgramEventsReader) {}

  /** After the append, before the answer. A process without an in-memory reader has nothing to wait for. */
  async seen(position: Position | null): Promise<void> {
    if (position === null || this.reader === undefined) return;
    await this.reader.reach(position);
  }
}
