// Events of other contexts (payouts, modifications, fraud, disputes) the KPIs count, by type. Their
// payloads are read through the contract types (`DomainEvent<T>['data']`), never a local copy.
import type { EventType } from '@ledger/contracts';

export const FOREIGN_EARNING_EVENT_TYPES = ['EarningAdjusted', 'MakeGoodGranted', 'EarningPaymentReturned', 'EarningFinalized', 'EarningUnfinalized'] as const satisfies readonly EventType[];
export const FRAUD_EVENT_TYPES = ['FraudFlagRaised', 'FraudFlagReviewed'] as const satisfies readonly EventType[];
export const DISPUTE_EVENT_TYPES = ['DisputeOpened'] as const satisfies readonly EventType[];
