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
