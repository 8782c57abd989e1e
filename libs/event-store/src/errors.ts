import { Conflict } from '@ledger/kernel';
import type { ExpectedRevision } from './event-store.port';

export class WrongExpectedVersion extends Conflict {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | null,
  ) {
    super('EVENT_STORE.WRONG_EXPECTED_VERSION', `stream ${stream}: expected ${String(expected)}, actual ${actual === null ? 'no stream' : String(actual)}`);
  }
}

/** The same event id was appended before with a different type, stream or payload. */
export class DuplicateEventIdMismatch extends Conflict {
  constructor(readonly eventId: string, readonly stream: string) {
    super('EVENT_STORE.DUPLICATE_EVENT_ID', `event ${eventId} already exists with different content (stream ${stream})`);
  }
}

export class InvalidStreamName extends Error {
  constructor(readonly stream: string) {
    super(`invalid stream name: ${stream}`);
  }
}
