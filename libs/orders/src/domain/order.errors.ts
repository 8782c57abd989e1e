// Refusals of the order decider, each with a stable code.
import { Conflict } from '@ledger/kernel';

export class OrderAlreadyRecorded extends Conflict {
  constructor(orderId: string, sourceRef: string) {
    super('ORDER.ALREADY_RECORDED', `Order ${orderId} is already recorded with other content (this fact: ${sourceRef}).`);
  }
}

export class ReturnExceedsQuantity extends Conflict {
  constructor(orderId: string, lineId: string, returned: number, quantity: number) {
    super('ORDER.RETURN_EXCEEDS_QUANTITY', `Line ${lineId} of order ${orderId} would have ${returned} returned of ${quantity} ordered.`);
  }
}

export class UnknownOrderLine extends Conflict {
  constructor(orderId: string, lineId: string) {
    super('ORDER.UNKNOWN_LINE', `Order ${orderId} has no line ${lineId}.`);
  }
}

/** The order stream is bounded (ADR 0009): each return is an event on it and a clawback on each earning's stream. */
export class ReturnLimitReached extends Conflict {
  constructor(orderId: string, limit: number) {
    super('ORDER.RETURN_LIMIT_REACHED', `Order ${orderId} already has ${limit} returns, the most one order may have.`);
  }
}
