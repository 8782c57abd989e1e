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
  /** Starts with `draft` at creation; then activations, pauses, the close. */
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

/** Inside the campaign's `startsAt/endsAt` (both inclusive, both optional). */
export function isInCampaignPeriod(rules: CampaignRules, atMs: number): boolean {
  return isWithin(atMs, rules.startsAt, rules.endsAt);
}

/** The window for orders on `channel`: the channel override if any, else the campaign's. */
export function windowDaysFor(rules: CampaignRules, channel: Channel): number {
  return rules.channelOverrides[channel]?.windowDays ?? rules.attribution.windowDays;
}
