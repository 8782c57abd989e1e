import { Inject, Injectable } from '@nestjs/common';
import type { DomainEvent } from '@ledger/contracts';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { assert, CLOCK, ValidationFailed, type Clock, type Decider } from '@ledger/kernel';
import { campaignDecider, CampaignNotFound, type CampaignEvent, type CampaignState } from '../../../domain';
import { decideAndAppend } from '../../../shared/decide-and-append';
import { OwnProgramWrites } from '../../../shared/own-program-writes';
import { campaignStream } from '../../../shared/program-streams';
import { plainRuleFields } from '../../campaign-rules.request.dto';
import { patchedRules, type RulesPatch } from './campaign-rules-patch';
import type { CampaignRulesChangedAnswer } from './update-campaign-rules.answer.dto';
import type { UpdateCampaignRulesRequest } from './update-campaign-rules.request.dto';

type PatchCampaignRules = { campaignId: string; patch: RulesPatch; name?: string; effectiveFrom?: string; now: string };

/**
 * The campaign decider, taking a patch: the next rules are computed from the state it decides on, so a
 * retry after a concurrent change patches the newer version, never a stale one.
 */
const campaignRulesPatchDecider: Decider<PatchCampaignRules, CampaignEvent, CampaignState, DomainEvent> = {
  initialState: campaignDecider.initialState,
  evolve: campaignDecider.evolve,
  decide(command, state) {
    if (state.status === 'none') throw new CampaignNotFound(command.campaignId);
    const { campaignId, name, effectiveFrom, now } = command;
    const data = { campaignId, rules: patchedRules(state.rules, command.patch), now, ...(name === undefined ? {} : { name }), ...(effectiveFrom === undefined ? {} : { effectiveFrom }) };
    return campaignDecider.decide({ type: 'UpdateCampaignRules', data }, state);
  },
};

/** UpdateCampaignRules: rules version n+1 (past earnings keep the version they were computed with). */
@Injectable()
export class UpdateCampaignRulesHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ownWrites: OwnProgramWrites,
  ) {}

  async execute(ctx: RequestContext, request: UpdateCampaignRulesRequest): Promise<CampaignRulesChangedAnswer> {
    const patch = plainRuleFields(request);
    if (Object.keys(patch).length === 0 && request.name === undefined) {
      throw new ValidationFailed([{ field: 'body', problem: 'must give at least one rules field (or name) to change' }]);
    }
    const now = this.clock.now().toISOString();
    const { campaignId, name, effectiveFrom } = request;
    const command: PatchCampaignRules = { campaignId, patch, now, ...(name === undefined ? {} : { name }), ...(effectiveFrom === undefined ? {} : { effectiveFrom }) };
    const outcome = await decideAndAppend(this.store, ctx, campaignStream(ctx.org, campaignId), campaignRulesPatchDecider, command, { occurredAt: now });
    const changed = outcome.events[0];
    assert(changed?.type === 'CampaignRulesChanged', 'a rules update appends CampaignRulesChanged');
    await this.ownWrites.seen(outcome.position);
    return withPosition({ id: campaignId, rulesVersion: changed.data.rulesVersion, effectiveFrom: changed.data.effectiveFrom }, outcome.position);
  }
}
