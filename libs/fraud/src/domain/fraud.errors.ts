// Refusals of the fraud context, each with a stable code (the HTTP edge maps kind → status).
import { Conflict, NotFound } from '@ledger/kernel';

export class FraudFlagNotFound extends NotFound {
  constructor(flagId: string) {
    super('FRAUD.FLAG_NOT_FOUND', `Fraud flag ${flagId} does not exist.`);
  }
}

export class FraudFlagAlreadyReviewed extends Conflict {
  constructor(flagId: string, decision: string) {
    super('FRAUD.FLAG_ALREADY_REVIEWED', `Fraud flag ${flagId} was reviewed already (${decision}); a review is final.`);
  }
}

export class FraudRuleChangesLimitReached extends Conflict {
  constructor(limit: number) {
    super('FRAUD.RULE_CHANGES_LIMIT_REACHED', `The org's fraud rules were changed ${limit} times, the most one rules stream holds.`);
  }
}
