// Campaign stream (campaign-<org>.<campaignId>): creation, versioned rules, the status machine
// draft → active ⇄ paused → closed (terminal), and costs for ROI. Bounded (ADR 0009): each kind of
// change has a limit in LIMITS.programs; conversions live on their own streams.
import { CHANNELS, type CampaignRules, type CampaignStatus, type Channel, type DomainEvent } from '@ledger/contracts';
import { assert, assertNever, LIMITS, ValidationFailed, type Decider, type FieldProblem, type Money } from '@ledger/kernel';
import { isOneOf } from '../shared/event-types';
import { checkIsoInstant, checkName, checkOneOf, checkPositiveMoney, isNonBlank } from '../shared/field-checks';
import {
  CampaignAlreadyExists,
  CampaignClosed,
  CampaignCostIdReused,
  CampaignNotFound,
  CampaignStreamLimitReached,
  InvalidCampaignTransition,
  RulesEffectiveTooEarly,
} from './campaign.errors';
import { validateCampaignRules, withRuleDefaults, type CampaignRulesInput } from './campaign-rules';

// ── commands ────────────────────────────────────────────────────────────────
export type CreateCampaign = { type: 'CreateCampaign'; data: { campaignId: string; name: string; rules: CampaignRulesInput; now: string } };
/** A new rules version n+1, effective from `effectiveFrom` (default: now). Past earnings keep their version. */
export type UpdateCampaignRules = {
  type: 'UpdateCampaignRules';
  data: { campaignId: string; rules: CampaignRulesInput; name?: string; effectiveFrom?: string; now: string };
};
export type ActivateCampaign = { type: 'ActivateCampaign'; data: { campaignId: string; now: string } };
export type PauseCampaign = { type: 'PauseCampaign'; data: { campaignId: string; reasonCode?: string; now: string } };
export type CloseCampaign = { type: 'CloseCampaign'; data: { campaignId: string; reasonCode?: string; now: string } };
/** Idempotent by `costId`: the same cost again is a no-op. */
export type RecordCampaignCost = {
  type: 'RecordCampaignCost';
  data: { campaignId: string; costId: string; amount: Money; channel?: Channel; note?: string; incurredAt: string };
};
export type CampaignCommand = CreateCampaign | UpdateCampaignRules | ActivateCampaign | PauseCampaign | CloseCampaign | RecordCampaignCost;

// ── events ──────────────────────────────────────────────────────────────────
export const CAMPAIGN_EVENT_TYPES = [
  'CampaignCreated',
  'CampaignRulesChanged',
  'CampaignActivated',
  'CampaignPaused',
  'CampaignClosed',
  'CampaignCostRecorded',
] as const;
export type CampaignEvent = DomainEvent<(typeof CAMPAIGN_EVENT_TYPES)[number]>;
const isCampaignEvent = isOneOf(CAMPAIGN_EVENT_TYPES);

// ── state ───────────────────────────────────────────────────────────────────
export type CampaignState =
  | { status: 'none' }
  | {
      status: CampaignStatus;
      campaignId: string;
      name: string;
      rulesVersion: number;
      rules: CampaignRules;
      /** When the current rules version took effect (version 1: the creation time). */
      rulesEffectiveFrom: string;
      /** costId → the recorded cost as JSON, to tell a retry from a reused id. */
      costs: ReadonlyMap<string, string>;
      /** Activations, pauses and closings so far: bounded by LIMITS.programs.campaignStatusChanges. */
      statusChanges: number;
    };
export type ExistingCampaign = Exclude<CampaignState, { status: 'none' }>;

const NOTE_CHARS_MAX = 2_000;

// ── decide ──────────────────────────────────────────────────────────────────
function decide(command: CampaignCommand, state: CampaignState): CampaignEvent[] {
  switch (command.type) {
    case 'CreateCampaign': {
      const { campaignId, name, rules, now } = command.data;
      refuseInvalid([...checkName('name', name), ...validateCampaignRules(rules)]);
      if (state.status !== 'none') throw new CampaignAlreadyExists(campaignId);
      return [{ type: 'CampaignCreated', data: { campaignId, name: name.trim(), rulesVersion: 1, rules: withRuleDefaults(rules), createdAt: now } }];
    }
    case 'UpdateCampaignRules': {
      const { campaignId, rules, name, now } = command.data;
      const effectiveFrom = command.data.effectiveFrom ?? now;
      refuseInvalid([
        ...(name === undefined ? [] : checkName('name', name)),
        ...checkIsoInstant('effectiveFrom', effectiveFrom),
        ...validateCampaignRules(rules),
      ]);
      const campaign = existing(state, campaignId);
      if (campaign.status === 'closed') throw new CampaignClosed(campaignId);
      // Versions take effect in order, so "the latest version whose effectiveFrom ≤ order time" is the one in force.
      if (Date.parse(effectiveFrom) < Date.parse(campaign.rulesEffectiveFrom)) throw new RulesEffectiveTooEarly(campaignId, campaign.rulesEffectiveFrom);
      if (campaign.rulesVersion >= LIMITS.programs.rulesVersionsPerCampaign) throw new CampaignStreamLimitReached(campaignId, 'rules versions', LIMITS.programs.rulesVersionsPerCampaign);
      return [
        {
          type: 'CampaignRulesChanged',
          data: {
            campaignId,
            ...(name === undefined ? {} : { name: name.trim() }),
            rulesVersion: campaign.rulesVersion + 1,
            effectiveFrom,
            rules: withRuleDefaults(rules),
          },
        },
      ];
    }
    case 'ActivateCampaign': {
      const { campaignId, now } = command.data;
      const campaign = existing(state, campaignId);
      if (!canActivate(campaign.status)) throw new InvalidCampaignTransition(campaignId, campaign.status, 'be activated');
      refuseBeyondStatusChanges(campaign);
      return [{ type: 'CampaignActivated', data: { campaignId, at: now } }];
    }
    case 'PauseCampaign': {
      const { campaignId, reasonCode, now } = command.data;
      const campaign = existing(state, campaignId);
      if (campaign.status !== 'active') throw new InvalidCampaignTransition(campaignId, campaign.status, 'be paused');
      refuseBeyondStatusChanges(campaign);
      return [{ type: 'CampaignPaused', data: { campaignId, at: now, ...(reasonCode === undefined ? {} : { reasonCode }) } }];
    }
    case 'CloseCampaign': {
      const { campaignId, reasonCode, now } = command.data;
      const campaign = existing(state, campaignId);
      if (campaign.status === 'closed') throw new InvalidCampaignTransition(campaignId, campaign.status, 'be closed');
      // Closing is always possible: it is what a manager does with a campaign that reached its limits.
      return [{ type: 'CampaignClosed', data: { campaignId, at: now, ...(reasonCode === undefined ? {} : { reasonCode }) } }];
    }
    case 'RecordCampaignCost': {
      const data = command.data;
      refuseInvalid([
        ...(isNonBlank(data.costId) ? [] : [{ field: 'costId', problem: 'must be a non-blank id' }]),
        ...checkPositiveMoney('amount', data.amount),
        ...(data.channel === undefined ? [] : checkOneOf('channel', data.channel, CHANNELS)),
        ...(data.note === undefined || isNonBlank(data.note, NOTE_CHARS_MAX) ? [] : [{ field: 'note', problem: `must be at most ${NOTE_CHARS_MAX} characters` }]),
        ...checkIsoInstant('incurredAt', data.incurredAt),
      ]);
      const campaign = existing(state, data.campaignId);
      // Costs are facts about money already spent: they are recorded whatever the status, even after closing.
      const recorded = campaign.costs.get(data.costId);
      const cost: DomainEvent<'CampaignCostRecorded'>['data'] = {
        campaignId: data.campaignId,
        costId: data.costId,
        amount: { amount: data.amount.amount, currency: data.amount.currency },
        ...(data.channel === undefined ? {} : { channel: data.channel }),
        ...(data.note === undefined ? {} : { note: data.note }),
        incurredAt: data.incurredAt,
      };
      if (recorded === undefined) {
        if (campaign.costs.size >= LIMITS.programs.costsPerCampaign) throw new CampaignStreamLimitReached(data.campaignId, 'recorded costs', LIMITS.programs.costsPerCampaign);
        return [{ type: 'CampaignCostRecorded', data: cost }];
      }
      if (recorded === costFingerprint(cost)) return [];
      throw new CampaignCostIdReused(data.campaignId, data.costId);
    }
    default:
      return assertNever(command, 'unknown campaign command');
  }
}

function canActivate(status: CampaignStatus): boolean {
  switch (status) {
    case 'draft':
    case 'paused':
      return true;
    case 'active':
    case 'closed':
      return false;
    default:
      return assertNever(status);
  }
}

function refuseBeyondStatusChanges(campaign: ExistingCampaign): void {
  if (campaign.statusChanges >= LIMITS.programs.campaignStatusChanges) {
    throw new CampaignStreamLimitReached(campaign.campaignId, 'status changes', LIMITS.programs.campaignStatusChanges);
  }
}

function existing(state: CampaignState, campaignId: string): ExistingCampaign {
  if (state.status === 'none') throw new CampaignNotFound(campaignId);
  assert(state.campaignId === campaignId, `command for campaign ${campaignId} decided against stream of ${state.campaignId}`);
  return state;
}

function refuseInvalid(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationFailed(problems);
}

// Field by field, so that key order (of a retried request or a stored event) does not matter.
function costFingerprint(cost: DomainEvent<'CampaignCostRecorded'>['data']): string {
  return JSON.stringify([cost.amount.amount, cost.amount.currency, cost.channel ?? null, cost.note ?? null, Date.parse(cost.incurredAt)]);
}

// ── evolve ──────────────────────────────────────────────────────────────────
/** Ignores events of other deciders (older campaign streams also carry ConversionAttributed). */
function evolve(state: CampaignState, event: DomainEvent): CampaignState {
  if (!isCampaignEvent(event)) return state;
  if (event.type === 'CampaignCreated') {
    assert(state.status === 'none', `campaign ${event.data.campaignId} created twice`);
    const { campaignId, name, rules, createdAt } = event.data;
    return { status: 'draft', campaignId, name, rulesVersion: 1, rules, rulesEffectiveFrom: createdAt, costs: new Map(), statusChanges: 0 };
  }
  assert(state.status !== 'none', `${event.type} before CampaignCreated`);
  switch (event.type) {
    case 'CampaignRulesChanged':
      assert(event.data.rulesVersion === state.rulesVersion + 1, `rules version ${event.data.rulesVersion} follows ${state.rulesVersion}`);
      return {
        ...state,
        name: event.data.name ?? state.name,
        rulesVersion: event.data.rulesVersion,
        rules: event.data.rules,
        rulesEffectiveFrom: event.data.effectiveFrom,
      };
    case 'CampaignActivated':
      return { ...state, status: 'active', statusChanges: state.statusChanges + 1 };
    case 'CampaignPaused':
      return { ...state, status: 'paused', statusChanges: state.statusChanges + 1 };
    case 'CampaignClosed':
      return { ...state, status: 'closed', statusChanges: state.statusChanges + 1 };
    case 'CampaignCostRecorded': {
      const costs = new Map(state.costs);
      costs.set(event.data.costId, costFingerprint(event.data));
      return { ...state, costs };
    }
    default:
      return assertNever(event, 'unknown campaign event');
  }
}

export const campaignDecider: Decider<CampaignCommand, CampaignEvent, CampaignState, DomainEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
