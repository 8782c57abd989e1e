// What the engine needs to know about a campaign: its status over time and its rules versions.
import type { CampaignRules, CampaignStatus, Channel } from '@ledger/contracts';
import { assert } from '@ledger/kernel';
import { epochMs, isWithin } from './business-time';
import { statusAt, type StatusChange } from './status-timeline';

export interface RulesVersionView {
  rulesVersion: number;
  /** Version 1 takes the campaign's creation time. */
  effectiveFrom: string;
  rules: CampaignRules;
}

export interface CampaignView {
  campaignId: string;
  /**
   * Starts with `draft` at creation; then activations, pauses, the close, each at its business time.
   * The status alone does not say whether the campaign earns: see campaignProblemAt.
   */
  statusHistory: ReadonlyArray<StatusChange<CampaignStatus>>;
  rulesVersions: readonly RulesVersionView[];
}

/**
 * The rules in force at `atMs`: the highest version whose `effectiveFrom` ≤ `atMs`. Before any
 * version is effective, the lowest version governs, so an order dated before the campaign record was
 * created is still judged by a definite version (its status timeline decides whether it can earn).
 */
export function rulesAt(campaign: CampaignView, atMs: number): RulesVersionView {
  assert(campaign.rulesVersions.length > 0, `campaign ${campaign.campaignId} has rules version 1`);
  let effective: RulesVersionView | undefined;
  let lowest = campaign.rulesVersions[0]!;
  for (const version of campaign.rulesVersions) {
    if (version.rulesVersion < lowest.rulesVersion) lowest = version;
    if (epochMs(version.effectiveFrom) > atMs) continue;
    if (effective === undefined || version.rulesVersion > effective.rulesVersion) effective = version;
  }
  return effective ?? lowest;
}

export function campaignStatusAt(campaign: CampaignView, atMs: number): CampaignStatus {
  return statusAt(campaign.statusHistory, atMs);
}

/** The business time of the campaign's first activation; undefined while it was never activated. */
export function firstActivationMs(campaign: CampaignView): number | undefined {
  let first: number | undefined;
  for (const change of campaign.statusHistory) {
    if (change.status !== 'active') continue;
    const changeMs = epochMs(change.at);
    if (first === undefined || changeMs < first) first = changeMs;
  }
  return first;
}

/** `inactive`: never activated, not yet started by default, paused or closed; `outside_period`: outside `startsAt/endsAt`. */
export type CampaignProblem = 'inactive' | 'outside_period';

/**
 * Why the campaign cannot earn on an order dated `atMs` (by `rules`, the version in force then), or
 * undefined when it can. `startsAt/endsAt` bound the earning period in business time; activation is
 * only the default start. Before its first activation a campaign is still `draft` on its timeline,
 * yet inside an explicit `startsAt` it earns: managers activate a campaign after the fact to credit
 * orders already placed (backfills), and the moment someone pressed "activate" is no business
 * boundary. A pause or close is one, from its own time on; a campaign never activated earns nothing.
 */
export function campaignProblemAt(campaign: CampaignView, rules: CampaignRules, atMs: number): CampaignProblem | undefined {
  const activatedMs = firstActivationMs(campaign);
  if (activatedMs === undefined) return 'inactive';
  if (!isInCampaignPeriod(rules, atMs)) return 'outside_period';
  if (rules.startsAt === undefined && atMs < activatedMs) return 'inactive';
  const status = campaignStatusAt(campaign, atMs);
  // `draft` here means "before the first activation", which only an explicit startsAt lets through.
  return status === 'active' || status === 'draft' ? undefined : 'inactive';
}

/**
 * Whether a touch at `atMs` lies in the campaign's earning period: inside `startsAt/endsAt`, and
 * without an explicit `startsAt` not before the first activation (the default start). A pause is
 * judged at the order, not at the touch: a click during a pause still counts for an order after it.
 */
export function isInEarningPeriod(campaign: CampaignView, rules: CampaignRules, atMs: number): boolean {
  if (!isInCampaignPeriod(rules, atMs)) return false;
  if (rules.startsAt !== undefined) return true;
  const activatedMs = firstActivationMs(campaign);
  return activatedMs !== undefined && atMs >= activatedMs;
}

/** Inside the campaign's `startsAt/endsAt` (both inclusive, both optional). */
export function isInCampaignPeriod(rules: CampaignRules, atMs: number): boolean {
  return isWithin(atMs, rules.startsAt, rules.endsAt);
}

/** The window for orders on `channel`: the channel override if any, else the campaign's. */
export function windowDaysFor(rules: CampaignRules, channel: Channel): number {
  return rules.channelOverrides[channel]?.windowDays ?? rules.attribution.windowDays;
}
