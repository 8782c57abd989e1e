import { streamName } from '@ledger/event-store';

export function influencerStream(org: string, influencerId: string): string {
  return streamName('influencer', org, influencerId);
}
