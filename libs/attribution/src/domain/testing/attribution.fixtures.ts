// Test fixtures for the attribution domain: fixed times, fixed ids, readable builders.
import type { CampaignRules, CampaignStatus, Channel, CodeKind, InfluencerStatus, TouchKind } from '@ledger/contracts';
import { DAY_MS } from '@ledger/kernel';
import { attribute } from '../attribution-engine';
import type { AttributionOutcome, OrderForAttribution, TouchForAttribution } from '../attribution.types';
import type { CampaignView, RulesVersionView } from '../campaign.view';
import { catalogOf, type CatalogView } from '../catalog.view';
import type { CodeView } from '../code.view';
import type { InfluencerView } from '../influencer.view';
import type { StatusChange } from '../status-timeline';

/** Day 0 of every test; business times are days (and milliseconds) after it. */
export const T0 = '2025-03-01T00:00:00.000Z';

export function day(days: number, plusMs = 0): string {
  return new Date(Date.parse(T0) + days * DAY_MS + plusMs).toISOString();
}

export interface RulesPatch extends Partial<Omit<CampaignRules, 'attribution'>> {
  model?: CampaignRules['attribution']['model'];
  windowDays?: number;
  precedence?: number;
}

export function rulesWith(patch: RulesPatch = {}): CampaignRules {
  const { model = 'last_touch', windowDays = 14, precedence = 0, ...rest } = patch;
  return {
    attribution: { model, windowDays, precedence },
    channels: ['ecommerce', 'pos'],
    channelOverrides: {},
    exclusions: { skus: [], categories: [] },
    earnings: { type: 'percent', rateBps: 1000 },
    bonuses: [],
    caps: {},
    referralLevels: [],
    holdDays: 30,
    lockDays: 60,
    minPayout: { amount: 5000, currency: 'EUR' },
    ...rest,
  };
}

/** Created as draft 30 days before T0 and activated at `activatedAt` (default: the same moment). */
export function campaign(
  campaignId: string,
  rules: CampaignRules,
  options: { statusChanges?: Array<StatusChange<CampaignStatus>>; laterVersions?: RulesVersionView[] } = {},
): CampaignView {
  const created = day(-30);
  return {
    campaignId,
    statusHistory: [{ status: 'draft', at: created }, ...(options.statusChanges ?? [{ status: 'active', at: created }])],
    rulesVersions: [{ rulesVersion: 1, effectiveFrom: created, rules }, ...(options.laterVersions ?? [])],
  };
}

export function code(
  value: string,
  campaignId: string,
  influencerId: string,
  kind: CodeKind = 'coupon',
  extra: Partial<CodeView> = {},
): CodeView {
  return { code: value, campaignId, influencerId, kind, issuedAt: day(-30), ...extra };
}

export function influencer(
  influencerId: string,
  extra: { parentId?: string; customerRefs?: string[]; statusChanges?: Array<StatusChange<InfluencerStatus>> } = {},
): InfluencerView {
  return {
    influencerId,
    customerRefs: extra.customerRefs ?? [],
    statusHistory: [{ status: 'active', at: day(-30) }, ...(extra.statusChanges ?? [])],
    ...(extra.parentId !== undefined ? { parentId: extra.parentId } : {}),
  };
}

export function touch(touchId: string, of: CodeView, touchKind: TouchKind, occurredAt: string, channel: Channel = 'ecommerce'): TouchForAttribution {
  return {
    touchId,
    code: of.code,
    codeKind: of.kind,
    touchKind,
    campaignId: of.campaignId,
    influencerId: of.influencerId,
    channel,
    occurredAt,
  };
}

export function order(patch: Partial<OrderForAttribution> = {}): OrderForAttribution {
  return { orderId: 'order-1', channel: 'ecommerce', customerRef: 'customer-1', occurredAt: day(10), codes: [], ...patch };
}

export interface World {
  campaigns: CampaignView[];
  codes: CodeView[];
  influencers: InfluencerView[];
  touches?: TouchForAttribution[];
}

/** given(world).whenOrderPlaced(order) → the engine's outcome. */
export function given(world: World): { catalog: CatalogView; whenOrderPlaced(o: OrderForAttribution): AttributionOutcome } {
  const catalog = catalogOf(world);
  return { catalog, whenOrderPlaced: (o) => attribute({ order: o, touches: world.touches ?? [], catalog }) };
}

/**
 * One line per outcome for table tests: `campaign/touch` when attributed (`order:CODE` for a code on
 * the order), else `none:<reason>` followed by each rejected candidate's reason.
 */
export function summary(outcome: AttributionOutcome): string {
  if (outcome.attributed) {
    const { winner } = outcome;
    return `${winner.campaignId}/${winner.basis.touchId ?? `order:${winner.code}`}`;
  }
  const reasons = outcome.rejected.map((r) => r.reason);
  return [`none:${outcome.reason}`, ...reasons].join(' ');
}
