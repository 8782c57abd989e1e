// The program events the catalog folds, and the $all filter that selects them.
import type { EventType } from '@ledger/contracts';
import type { AllFilter } from '@ledger/event-store';

export const PROGRAM_EVENT_TYPES = [
  'CampaignCreated',
  'CampaignRulesChanged',
  'CampaignActivated',
  'CampaignPaused',
  'CampaignClosed',
  'InfluencerRegistered',
  'InfluencerSuspended',
  'InfluencerReactivated',
  'InfluencerTerminated',
  'CodeIssued',
  'CodeDeactivated',
] as const satisfies readonly EventType[];

export type ProgramEventType = (typeof PROGRAM_EVENT_TYPES)[number];

// By type only: the store filters in SQL, so touches, orders and ledger events (most of $all)
// never reach this process. Costs and conversions on campaign streams are not catalog facts.
export const PROGRAM_EVENTS_FILTER: AllFilter = { eventTypes: [...PROGRAM_EVENT_TYPES] };

const PROGRAM_TYPES: ReadonlySet<string> = new Set(PROGRAM_EVENT_TYPES);

export function isProgramEvent(type: string): type is ProgramEventType {
  return PROGRAM_TYPES.has(type);
}
