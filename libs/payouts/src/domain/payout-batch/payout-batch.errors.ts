// Refusals of the payout batch decider, each with a stable code (the HTTP edge maps the kind to 404/409).
import { Conflict, NotFound } from '@ledger/kernel';

export class PayoutBatchNotFound extends NotFound {
  constructor(batchId: string) {
    super('PAYOUT.BATCH_NOT_FOUND', `Payout batch ${batchId} does not exist.`);
  }
}

export class PayoutItemNotFound extends NotFound {
  constructor(batchId: string, itemId: string) {
    super('PAYOUT.ITEM_NOT_FOUND', `Payout batch ${batchId} has no item ${itemId}.`);
  }
}

export class PayoutBatchExists extends Conflict {
  constructor(batchId: string) {
    super('batch_exists', `Payout batch ${batchId} exists already.`);
  }
}

export class EmptyBatch extends Conflict {
  constructor(currency: string) {
    super('empty_batch', `No influencer has a payable balance in ${currency} to pay: no batch was created.`);
  }
}

export class SameActor extends Conflict {
  constructor(actorId: string) {
    super('same_actor', `${actorId} created this batch: another person must approve it (four eyes).`);
  }
}

export class InvalidBatchTransition extends Conflict {
  constructor(batchId: string, status: string, action: string, code = 'invalid_batch_state') {
    super(code, `Payout batch ${batchId} is ${status}: it cannot ${action}.`);
  }
}

export class InvalidItemTransition extends Conflict {
  constructor(itemId: string, state: string, action: string, code = 'invalid_item_state') {
    super(code, `Payout item ${itemId} is ${state}: it cannot ${action}.`);
  }
}
