// Proves the campaign decider: creation, rules versions, every status transition and refusal, costs, the stream's limits; given/when/then.
import type { CampaignStatus, DomainEvent } from '@ledger/contracts';
import { Conflict, DeciderSpecification, LIMITS, NotFound, ValidationFailed } from '@ledger/kernel';
import { T0, T1, T2, validRules } from '../testing/fixtures';
import { campaignDecider, type CampaignCommand, type CampaignEvent } from './campaign.decider';
import { withRuleDefaults } from './campaign-rules';

const spec = DeciderSpecification.for(campaignDecider);
const id = 'c-1';

const created: CampaignEvent = { type: 'CampaignCreated', data: { campaignId: id, name: 'Summer', rulesVersion: 1, rules: withRuleDefaults(validRules()), createdAt: T0 } };
const activated: CampaignEvent = { type: 'CampaignActivated', data: { campaignId: id, at: T0 } };
const paused: CampaignEvent = { type: 'CampaignPaused', data: { campaignId: id, at: T0 } };
const closed: CampaignEvent = { type: 'CampaignClosed', data: { campaignId: id, at: T0 } };

/** The events that put a new campaign in each status. */
const history: Record<CampaignStatus, CampaignEvent[]> = {
  draft: [created],
  active: [created, activated],
  paused: [created, activated, paused],
  closed: [created, activated, closed],
};

describe('campaign decider', () => {
  describe('CreateCampaign', () => {
    it('creates a draft with rules version 1, optional parts made explicit', () => {
      spec.given([]).when({ type: 'CreateCampaign', data: { campaignId: id, name: ' Summer ', rules: validRules(), now: T0 } }).then([created]);
    });

    it('refuses an existing campaign id', () => {
      spec.given([created]).when({ type: 'CreateCampaign', data: { campaignId: id, name: 'Again', rules: validRules(), now: T1 } }).thenThrows(Conflict, 'CAMPAIGN.ALREADY_EXISTS');
    });

    it('refuses invalid rules and a blank name, listing every field', () => {
      spec
        .given([])
        .when({ type: 'CreateCampaign', data: { campaignId: id, name: ' ', rules: validRules({ holdDays: -1 }), now: T0 } })
        .thenThrows((e) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field)) === '["name","holdDays"]');
    });
  });

  describe('UpdateCampaignRules', () => {
    const newRules = validRules({ holdDays: 7 });

    it('adds version n+1 effective from now by default', () => {
      spec
        .given([created])
        .when({ type: 'UpdateCampaignRules', data: { campaignId: id, rules: newRules, now: T1 } })
        .then([{ type: 'CampaignRulesChanged', data: { campaignId: id, rulesVersion: 2, effectiveFrom: T1, rules: withRuleDefaults(newRules) } }]);
    });

    it('takes an explicit effective time and a new name, counting versions', () => {
      const v2: CampaignEvent = { type: 'CampaignRulesChanged', data: { campaignId: id, rulesVersion: 2, effectiveFrom: T1, rules: withRuleDefaults(newRules) } };
      spec
        .given([created, activated, v2])
        .when({ type: 'UpdateCampaignRules', data: { campaignId: id, rules: newRules, name: 'Summer+', effectiveFrom: T2, now: T1 } })
        .then([{ type: 'CampaignRulesChanged', data: { campaignId: id, name: 'Summer+', rulesVersion: 3, effectiveFrom: T2, rules: withRuleDefaults(newRules) } }]);
    });

    it('changes rules of a paused campaign', () => {
      spec
        .given(history.paused)
        .when({ type: 'UpdateCampaignRules', data: { campaignId: id, rules: newRules, now: T1 } })
        .then([{ type: 'CampaignRulesChanged', data: { campaignId: id, rulesVersion: 2, effectiveFrom: T1, rules: withRuleDefaults(newRules) } }]);
    });

    it('refuses a version effective before the current one', () => {
      const v2: CampaignEvent = { type: 'CampaignRulesChanged', data: { campaignId: id, rulesVersion: 2, effectiveFrom: T2, rules: withRuleDefaults(newRules) } };
      spec
        .given([created, v2])
        .when({ type: 'UpdateCampaignRules', data: { campaignId: id, rules: newRules, effectiveFrom: T1, now: T2 } })
        .thenThrows(Conflict, 'CAMPAIGN.RULES_EFFECTIVE_TOO_EARLY');
    });

    it('refuses a closed campaign', () => {
      spec.given(history.closed).when({ type: 'UpdateCampaignRules', data: { campaignId: id, rules: newRules, now: T1 } }).thenThrows(Conflict, 'CAMPAIGN.CLOSED');
    });

    it('refuses an unknown campaign', () => {
      spec.given([]).when({ type: 'UpdateCampaignRules', data: { campaignId: id, rules: newRules, now: T1 } }).thenThrows(NotFound, 'CAMPAIGN.NOT_FOUND');
    });

    it('refuses invalid rules and a bad effective time', () => {
      spec
        .given([created])
        .when({ type: 'UpdateCampaignRules', data: { campaignId: id, rules: validRules({ channels: [] }), effectiveFrom: 'tomorrow', now: T1 } })
        .thenThrows((e) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field)) === '["effectiveFrom","channels"]');
    });
  });

  describe('status transitions: draft → active ⇄ paused → closed', () => {
    type Action = 'ActivateCampaign' | 'PauseCampaign' | 'CloseCampaign';
    const command = (type: Action): CampaignCommand => ({ type, data: { campaignId: id, now: T1 } });
    const event: Record<Action, CampaignEvent> = {
      ActivateCampaign: { type: 'CampaignActivated', data: { campaignId: id, at: T1 } },
      PauseCampaign: { type: 'CampaignPaused', data: { campaignId: id, at: T1 } },
      CloseCampaign: { type: 'CampaignClosed', data: { campaignId: id, at: T1 } },
    };
    const allowed: Array<[CampaignStatus, Action, boolean]> = [
      ['draft', 'ActivateCampaign', true],
      ['draft', 'PauseCampaign', false],
      ['draft', 'CloseCampaign', true],
      ['active', 'ActivateCampaign', false],
      ['active', 'PauseCampaign', true],
      ['active', 'CloseCampaign', true],
      ['paused', 'ActivateCampaign', true],
      ['paused', 'PauseCampaign', false],
      ['paused', 'CloseCampaign', true],
      ['closed', 'ActivateCampaign', false],
      ['closed', 'PauseCampaign', false],
      ['closed', 'CloseCampaign', false],
    ];
    it.each(allowed)('%s + %s → allowed: %s', (status, action, ok) => {
      const when = spec.given(history[status]).when(command(action));
      if (ok) when.then([event[action]]);
      else when.thenThrows(Conflict, 'CAMPAIGN.INVALID_TRANSITION');
    });

    it('records the reason of a pause and a close', () => {
      spec.given(history.active).when({ type: 'PauseCampaign', data: { campaignId: id, reasonCode: 'budget', now: T1 } }).then([{ type: 'CampaignPaused', data: { campaignId: id, at: T1, reasonCode: 'budget' } }]);
      spec.given(history.paused).when({ type: 'CloseCampaign', data: { campaignId: id, reasonCode: 'ended', now: T1 } }).then([{ type: 'CampaignClosed', data: { campaignId: id, at: T1, reasonCode: 'ended' } }]);
    });

    it.each(['ActivateCampaign', 'PauseCampaign', 'CloseCampaign'] as Action[])('%s refuses an unknown campaign', (action) => {
      spec.given([]).when(command(action)).thenThrows(NotFound, 'CAMPAIGN.NOT_FOUND');
    });
  });

  describe('RecordCampaignCost', () => {
    const cost = { campaignId: id, costId: 'cost-1', amount: { amount: 50_000, currency: 'EUR' }, channel: 'ecommerce' as const, incurredAt: T1 };
    const recorded: CampaignEvent = { type: 'CampaignCostRecorded', data: cost };

    it('records a cost, even on a closed campaign', () => {
      spec.given([created]).when({ type: 'RecordCampaignCost', data: cost }).then([recorded]);
      spec.given(history.closed).when({ type: 'RecordCampaignCost', data: cost }).then([recorded]);
    });

    it('is idempotent by cost id', () => {
      spec.given([created, recorded]).when({ type: 'RecordCampaignCost', data: { ...cost, incurredAt: '2026-03-02T11:00:00+01:00' } }).then([]);
    });

    it('refuses a cost id reused with other content', () => {
      spec.given([created, recorded]).when({ type: 'RecordCampaignCost', data: { ...cost, amount: { amount: 1, currency: 'EUR' } } }).thenThrows(Conflict, 'CAMPAIGN.COST_ID_REUSED');
    });

    it('refuses an invalid cost', () => {
      spec
        .given([created])
        .when({ type: 'RecordCampaignCost', data: { ...cost, costId: '', amount: { amount: 0, currency: 'EUR' }, channel: 'tv' as never, incurredAt: 'now' } })
        .thenThrows((e) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field)) === '["costId","amount.amount","channel","incurredAt"]');
    });

    it('refuses an unknown campaign', () => {
      spec.given([]).when({ type: 'RecordCampaignCost', data: cost }).thenThrows(NotFound, 'CAMPAIGN.NOT_FOUND');
    });
  });

  it('ignores the other events of its stream (ConversionAttributed)', () => {
    const attributed = { type: 'ConversionAttributed', data: {} } as DomainEvent;
    spec
      .given([created, attributed, activated])
      .when({ type: 'PauseCampaign', data: { campaignId: id, now: T1 } })
      .then([{ type: 'CampaignPaused', data: { campaignId: id, at: T1 } }]);
  });

  describe('a bounded stream (ADR 0009)', () => {
    const rulesChanged = (version: number): CampaignEvent => ({ type: 'CampaignRulesChanged', data: { campaignId: id, rulesVersion: version, effectiveFrom: T0, rules: withRuleDefaults(validRules()) } });
    const versions = (n: number) => Array.from({ length: n - 1 }, (_, i) => rulesChanged(i + 2));
    const toggles = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? activated : paused));

    it(`refuses rules version ${LIMITS.programs.rulesVersionsPerCampaign + 1}, keeps version ${LIMITS.programs.rulesVersionsPerCampaign}`, () => {
      const update = { type: 'UpdateCampaignRules' as const, data: { campaignId: id, rules: validRules(), now: T1 } };
      spec.given([created, ...versions(LIMITS.programs.rulesVersionsPerCampaign - 1)]).when(update).then([
        { type: 'CampaignRulesChanged', data: { campaignId: id, rulesVersion: LIMITS.programs.rulesVersionsPerCampaign, effectiveFrom: T1, rules: withRuleDefaults(validRules()) } },
      ]);
      spec.given([created, ...versions(LIMITS.programs.rulesVersionsPerCampaign)]).when(update).thenThrows(Conflict, 'CAMPAIGN.STREAM_LIMIT_REACHED');
    });

    it(`refuses status change ${LIMITS.programs.campaignStatusChanges + 1}, but a campaign can always be closed`, () => {
      const full = [created, ...toggles(LIMITS.programs.campaignStatusChanges)]; // ends paused (an even count)
      spec.given(full).when({ type: 'ActivateCampaign', data: { campaignId: id, now: T1 } }).thenThrows(Conflict, 'CAMPAIGN.STREAM_LIMIT_REACHED');
      spec.given(full).when({ type: 'CloseCampaign', data: { campaignId: id, now: T1 } }).then([{ type: 'CampaignClosed', data: { campaignId: id, at: T1 } }]);
      spec.given(full.slice(0, -1)).when({ type: 'PauseCampaign', data: { campaignId: id, now: T1 } }).then([{ type: 'CampaignPaused', data: { campaignId: id, at: T1 } }]);
    });

    it(`refuses cost ${LIMITS.programs.costsPerCampaign + 1}; a retry of a recorded one still answers nothing to do`, () => {
      const costEvent = (i: number): CampaignEvent => ({ type: 'CampaignCostRecorded', data: { campaignId: id, costId: `k-${i}`, amount: { amount: 100, currency: 'EUR' }, incurredAt: T0 } });
      const full = [created, ...Array.from({ length: LIMITS.programs.costsPerCampaign }, (_, i) => costEvent(i))];
      spec.given(full).when({ type: 'RecordCampaignCost', data: { campaignId: id, costId: 'k-new', amount: { amount: 100, currency: 'EUR' }, incurredAt: T0 } }).thenThrows(Conflict, 'CAMPAIGN.STREAM_LIMIT_REACHED');
      spec.given(full).when({ type: 'RecordCampaignCost', data: { campaignId: id, costId: 'k-0', amount: { amount: 100, currency: 'EUR' }, incurredAt: T0 } }).then([]);
    });
  });
});
