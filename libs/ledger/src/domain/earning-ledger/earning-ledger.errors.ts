// Refusals of the earning ledger decider, each with a stable code (the HTTP edge maps the kind to 404/409).
import type { EarningState } from '@ledger/contracts';
import { Conflict, LIMITS, NotFound } from '@ledger/kernel';

export class EarningNotFound extends NotFound {
  constructor(earningId: string) {
    super('LEDGER.EARNING_NOT_FOUND', `Earning ${earningId} does not exist on this influencer.`);
  }
}

export class HoldNotPlaceable extends Conflict {
  constructor(earningId: string, state: EarningState) {
    super('LEDGER.HOLD_NOT_PLACEABLE', `Earning ${earningId} is ${state}: it cannot be held.`);
  }
}

export class HoldNotReleasable extends Conflict {
  constructor(earningId: string, state: EarningState) {
    super('LEDGER.HOLD_NOT_RELEASABLE', `Earning ${earningId} is ${state}: there is no hold to release.`);
  }
}

export class ModificationLimitReached extends Conflict {
  constructor(earningId: string) {
    super('LEDGER.MODIFICATION_LIMIT_REACHED', `Earning ${earningId} has reached ${LIMITS.ledger.modificationsPerEarning} modifications.`);
  }
}

export class ClawbackExceedsAmount extends Conflict {
  constructor(earningId: string, cumulative: number, amount: number) {
    super('LEDGER.CLAWBACK_EXCEEDS_AMOUNT', `Earning ${earningId} of ${amount} cannot have ${cumulative} clawed back.`);
  }
}

export class EarningNotPayable extends Conflict {
  constructor(earningId: string, state: EarningState) {
    super('LEDGER.EARNING_NOT_PAYABLE', `Earning ${earningId} is ${state} with nothing to settle: it cannot be paid.`);
  }
}

// ── modifications (seed 003): the codes API.md names ──
export class EarningLocked extends Conflict {
  constructor(earningId: string, lockAt: string) {
    super('locked', `Earning ${earningId} locked at ${lockAt}: only a make-good can correct it now.`);
  }
}

export class TooManyModifications extends Conflict {
  constructor(earningId: string) {
    super('too_many_modifications', `Earning ${earningId} has had ${LIMITS.ledger.modificationsPerEarning} modifications, the most there may be.`);
  }
}

export class EarningNotModifiable extends Conflict {
  constructor(earningId: string, why: string) {
    super('LEDGER.EARNING_NOT_MODIFIABLE', `Earning ${earningId} cannot be modified: ${why}.`);
  }
}

export class EarningLockedToAnotherPayout extends Conflict {
  constructor(earningId: string, batchId: string) {
    super('LEDGER.EARNING_FINALIZED', `Earning ${earningId} is locked to payout batch ${batchId}.`);
  }
}

export class PaymentNotReturnable extends Conflict {
  constructor(earningId: string, payoutId: string) {
    super('LEDGER.PAYMENT_NOT_RETURNABLE', `Earning ${earningId} has no payment ${payoutId} that can be returned.`);
  }
}
