// The disputes context's one stream category: dispute-<org>.<disputeId>, bounded (LIMITS.disputes.streamEventsMax).
import { STREAM_CATEGORIES } from '@ledger/contracts';
import { streamName } from '@ledger/event-store';

export function disputeStream(org: string, disputeId: string): string {
  return streamName(STREAM_CATEGORIES.dispute, org, disputeId);
}
