// What the fraud process manager follows in $all, and how it signs what it appends.
import type { AllFilter, EventMetadata, RecordedEvent } from '@ledger/event-store';

export const ORDER_FRAUD_PM = 'fraud_order_check_pm';

/**
 * Attributed orders (to check), orders claimed twice (duplicate_claim), raised flags (to hold the influencer's
 * payouts) and reviews (to release or claw back). `fraud-` does not match `fraudcheck-` or `fraudrules-`:
 * the category ends at the dash.
 */
export const FRAUD_FACTS: AllFilter = {
  streamPrefixes: ['conversion-', 'orderclaim-', 'fraud-'],
  eventTypes: ['ConversionAttributed', 'OrderClaimConflicted', 'FraudFlagRaised', 'FraudFlagReviewed'],
};

export const FRAUD_ACTOR = 'system:fraud';
/** The role the system acts in when it checks orders and places holds (a person's review carries theirs). */
export const FRAUD_SYSTEM_ROLE = 'system';

/** The system's own steps: caused by `cause`, correlated with it, at business time `occurredAt`. */
export function systemMetadata(org: string, cause: RecordedEvent, occurredAt: string, reasonCode: string): EventMetadata {
  return { org, actorId: FRAUD_ACTOR, role: FRAUD_SYSTEM_ROLE, correlationId: cause.metadata.correlationId, causationId: cause.id, schemaVersion: 1, occurredAt, reasonCode };
}

/** A reviewer's decision carried out on the ledger: their actor, role and cost centre, caused by the review. */
export function reviewMetadata(org: string, review: RecordedEvent, occurredAt: string, reasonCode: string): EventMetadata {
  const { actorId, role, costCentre, correlationId } = review.metadata;
  return {
    org,
    actorId,
    ...(role === undefined ? {} : { role }),
    ...(costCentre === undefined ? {} : { costCentre }),
    correlationId,
    causationId: review.id,
    schemaVersion: 1,
    occurredAt,
    reasonCode,
  };
}
