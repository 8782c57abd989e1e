// Approval spans four program streams: the application (decision), the new profile (registered
// active), the new code (issued, valid at once) and the campaign (read only: it must still take
// partners). One decision over their folded states, appended as one atomic append, so there is
// never an approved application without its profile and code, nor a profile without its approval.
import type { CodeKind, DomainEvent } from '@ledger/contracts';
import type { Decider } from '@ledger/kernel';
import { campaignDecider, type CampaignState } from '../campaign/campaign.decider';
import { CampaignNotFound } from '../campaign/campaign.errors';
import { codeDecider, type CodeState } from '../code/code.decider';
import { influencerProfileDecider, type InfluencerProfileState } from '../influencer/influencer-profile.decider';
import { applicationDecider, type ApplicationState } from './application.decider';
import { ApplicationAlreadyDecided, ApplicationCampaignClosed, ApplicationNotFound } from './application.errors';

/** Each loaded stream folded by every program decider; each keeps only its own events, so a stream's own part is its state. */
export interface ProgramStreamState {
  application: ApplicationState;
  campaign: CampaignState;
  influencer: InfluencerProfileState;
  code: CodeState;
}

export const programStreamsDecider: Decider<never, DomainEvent, ProgramStreamState, DomainEvent> = {
  initialState: () => ({
    application: applicationDecider.initialState(),
    campaign: campaignDecider.initialState(),
    influencer: influencerProfileDecider.initialState(),
    code: codeDecider.initialState(),
  }),
  evolve: (state, event) => ({
    application: applicationDecider.evolve(state.application, event),
    campaign: campaignDecider.evolve(state.campaign, event),
    influencer: influencerProfileDecider.evolve(state.influencer, event),
    code: codeDecider.evolve(state.code, event),
  }),
  decide: () => [],
};

export interface ApprovalStreams {
  application: string;
  campaign: string;
  influencer: string;
  code: string;
}

export interface Approve {
  applicationId: string;
  /** Deterministic in the application: a retried approval names the same profile and code. */
  influencerId: string;
  codeId: string;
  /** Normalised (normaliseCode). */
  code: string;
  kind: CodeKind;
  now: string;
}

export interface ApprovalDecision {
  decisions: Array<{ stream: string; events: DomainEvent[] }>;
  /** What the application is approved with: this approval's, or the earlier one's when it is a replay. */
  approval: { influencerId: string; codeId: string; code: string; kind: CodeKind };
}

export function decideApproval(streams: ApprovalStreams, command: Approve, states: ReadonlyMap<string, ProgramStreamState>): ApprovalDecision {
  const stateOf = (stream: string): ProgramStreamState => states.get(stream) ?? programStreamsDecider.initialState();
  const application = stateOf(streams.application).application;
  if (application.status === 'none') throw new ApplicationNotFound(command.applicationId);
  if (application.status === 'approved') return { decisions: [], approval: application.approval! };
  if (application.status === 'rejected') throw new ApplicationAlreadyDecided(command.applicationId, application.status);
  const campaign = stateOf(streams.campaign).campaign;
  if (campaign.status === 'none') throw new CampaignNotFound(application.campaignId);
  if (campaign.status === 'closed') throw new ApplicationCampaignClosed(application.campaignId);

  const { applicationId, influencerId, codeId, code, kind, now } = command;
  const profile = influencerProfileDecider.decide({ type: 'RegisterInfluencer', data: { influencerId, name: application.name, email: application.email, now } }, stateOf(streams.influencer).influencer);
  const issued = codeDecider.decide({ type: 'IssueCode', data: { codeId, code, campaignId: application.campaignId, influencerId, kind, now } }, stateOf(streams.code).code);
  const approved = applicationDecider.decide({ type: 'ApproveApplication', data: { applicationId, influencerId, codeId, code, kind, now } }, application);
  return {
    decisions: [
      { stream: streams.influencer, events: profile },
      { stream: streams.code, events: issued },
      { stream: streams.application, events: approved },
    ],
    approval: { influencerId, codeId, code, kind },
  };
}

/**
 * The code an approval issues when the reviewer names none: up to 8 letters/digits of the name and
 * 6 of the application id (deterministic, so a retried approval issues the same code).
 */
export function defaultApplicationCode(name: string, applicationId: string): string {
  const fromName = name.normalize('NFKD').toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8) || 'P';
  const fromId = applicationId.replace(/[^A-Za-z0-9]/g, '').slice(0, 6).toUpperCase();
  return `${fromName}-${fromId}`;
}
