// Refusals of the dispute decider, each with a stable code.
import { Conflict, Forbidden, NotFound } from '@ledger/kernel';
import type { DisputeStatus } from './dispute.state';

export class DisputeNotFound extends NotFound {
  constructor(disputeId: string) {
    super('DISPUTE.NOT_FOUND', `Dispute ${disputeId} does not exist.`);
  }
}

export class DisputeAlreadyOpened extends Conflict {
  constructor(disputeId: string) {
    super('DISPUTE.ALREADY_OPENED', `Dispute ${disputeId} exists already.`);
  }
}

export class DisputeStateConflict extends Conflict {
  constructor(disputeId: string, status: DisputeStatus, wanted: string) {
    super('DISPUTE.STATE_CONFLICT', `Dispute ${disputeId} is ${status}: it cannot be ${wanted}.`);
  }
}

export class NotTheOpener extends Forbidden {
  constructor(disputeId: string) {
    super('DISPUTE.NOT_THE_OPENER', `Only whoever opened dispute ${disputeId} may withdraw it.`);
  }
}
