// What the process manager appends, as store events: deterministic ids, system metadata.
import type { EventMetadata, NewEvent, RecordedEvent } from '@ledger/event-store';
import { assert } from '@ledger/kernel';
import type { EarningLedgerEvent } from '@ledger/ledger';
import { clawbackIdOf, earningAccruedIdOf, periodHoldIdOf } from '@ledger/ledger';

export const ATTRIBUTION_ACTOR = 'system:attribution';

export function ledgerEvent(org: string, event: EarningLedgerEvent, metadata: EventMetadata): NewEvent {
  return { id: ledgerEventId(org, event), type: event.type, data: { ...event.data }, metadata };
}

function ledgerEventId(org: string, event: EarningLedgerEvent): string {
  switch (event.type) {
    case 'EarningAccrued':
      return earningAccruedIdOf(org, event.data.earningId);
    case 'HoldPlaced':
      assert(event.data.kind === 'period', 'the process manager places period holds only');
      return periodHoldIdOf(org, event.data.earningId);
    case 'EarningClawedBack':
      return clawbackIdOf(org, event.data.earningId, event.data.reference);
    default:
      throw new Error(`the process manager does not append ${event.type}`);
  }
}

/** System metadata: caused by the order's fact, correlated with it, at the fact's business time. */
export function metadataFrom(org: string, cause: RecordedEvent, occurredAt: string, sourceRef: string): EventMetadata {
  return {
    org,
    actorId: ATTRIBUTION_ACTOR,
    correlationId: cause.metadata.correlationId,
    causationId: cause.id,
    sourceRef,
    schemaVersion: 1,
    occurredAt,
  };
}
