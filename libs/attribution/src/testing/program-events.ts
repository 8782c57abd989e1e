// Program events as the programs context writes them, for tests and benchmarks that set up
// campaigns, influencers and codes straight in the event store (no programs endpoint needed).
import type { CampaignRules, Channel, CodeKind, Discount, EventType } from '@ledger/contracts';
import { comparePositions, streamName, type EventStore, type NewEvent, type Position, type StreamAppend } from '@ledger/event-store';
import { randomId } from '@ledger/kernel';
import { withRuleDefaults, type CampaignRulesInput } from '@ledger/programs';

/** A complete rules document: last touch, 14 days, ecommerce + pos, 10 %; override any part. */
export function programRules(patch: Partial<CampaignRulesInput> = {}): CampaignRules {
  return withRuleDefaults({
    attribution: { model: 'last_touch', windowDays: 14 },
    channels: ['ecommerce', 'pos'],
    earnings: { type: 'percent', rateBps: 1_000 },
    holdDays: 30,
    lockDays: 60,
    minPayout: { amount: 5_000, currency: 'EUR' },
    ...patch,
  });
}

export interface CodeToIssue {
  code: string;
  campaignId: string;
  influencerId: string;
  kind?: CodeKind;
  discount?: Discount;
  channels?: Channel[];
  validFrom?: string;
  validUntil?: string;
  issuedAt: string;
}

/** Builds one org's program events, each as a one-event append to its own stream. */
export class ProgramEvents {
  constructor(readonly org: string) {}

  campaignCreated(campaignId: string, rules: CampaignRules, createdAt: string, name = campaignId): StreamAppend {
    return this.event('campaign', campaignId, 'CampaignCreated', { campaignId, name, rulesVersion: 1, rules, createdAt }, createdAt);
  }

  rulesChanged(campaignId: string, rulesVersion: number, rules: CampaignRules, effectiveFrom: string): StreamAppend {
    return this.event('campaign', campaignId, 'CampaignRulesChanged', { campaignId, rulesVersion, rules, effectiveFrom }, effectiveFrom);
  }

  campaignActivated(campaignId: string, at: string): StreamAppend {
    return this.event('campaign', campaignId, 'CampaignActivated', { campaignId, at }, at);
  }

  campaignPaused(campaignId: string, at: string): StreamAppend {
    return this.event('campaign', campaignId, 'CampaignPaused', { campaignId, at }, at);
  }

  campaignClosed(campaignId: string, at: string): StreamAppend {
    return this.event('campaign', campaignId, 'CampaignClosed', { campaignId, at }, at);
  }

  influencerRegistered(influencerId: string, registeredAt: string, extra: { customerRefs?: string[]; parentId?: string } = {}): StreamAppend {
    const data = { influencerId, name: influencerId, email: `${influencerId}@example.com`, customerRefs: extra.customerRefs ?? [], registeredAt, ...(extra.parentId ? { parentId: extra.parentId } : {}) };
    return this.event('influencer', influencerId, 'InfluencerRegistered', data, registeredAt);
  }

  influencerSuspended(influencerId: string, at: string): StreamAppend {
    return this.event('influencer', influencerId, 'InfluencerSuspended', { influencerId, reasonCode: 'test', at }, at);
  }

  influencerReactivated(influencerId: string, at: string): StreamAppend {
    return this.event('influencer', influencerId, 'InfluencerReactivated', { influencerId, at }, at);
  }

  influencerTerminated(influencerId: string, at: string): StreamAppend {
    return this.event('influencer', influencerId, 'InfluencerTerminated', { influencerId, reasonCode: 'test', at }, at);
  }

  codeIssued(code: CodeToIssue): StreamAppend {
    const { kind = 'coupon', ...rest } = code;
    return this.event('code', code.code, 'CodeIssued', { codeId: randomId(), kind, ...rest }, code.issuedAt);
  }

  codeDeactivated(code: string, at: string): StreamAppend {
    return this.event('code', code, 'CodeDeactivated', { codeId: randomId(), code, at }, at);
  }

  private event(category: string, id: string, type: EventType, data: Record<string, unknown>, occurredAt: string): StreamAppend {
    const event: NewEvent = { id: randomId(), type, data, metadata: { org: this.org, actorId: 'test-seed', correlationId: randomId(), schemaVersion: 1, occurredAt } };
    return { stream: streamName(category, this.org, id), expectedRevision: 'any', events: [event] };
  }
}

/** Appends in one call (one transaction), merging appends to the same stream in order; returns the last position. */
export async function appendProgramEvents(store: EventStore, appends: StreamAppend[]): Promise<Position> {
  const byStream = new Map<string, StreamAppend>();
  for (const append of appends) {
    const merged = byStream.get(append.stream);
    if (merged) merged.events.push(...append.events);
    else byStream.set(append.stream, { ...append, events: [...append.events] });
  }
  const results = await store.appendMany([...byStream.values()]);
  return results.map((r) => r.position).reduce((a, b) => (comparePositions(a, b) >= 0 ? a : b));
}
