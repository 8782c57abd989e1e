// Whether one candidate touch qualifies for its code's campaign (docs/architecture.md, Attribution rules).
import type { Channel } from '@ledger/contracts';
import { assertNever, DAY_MS } from '@ledger/kernel';
import { modelAcceptsTouch } from './attribution-model';
import type { Candidate, CandidateRejection } from './attribution.types';
import { campaignProblemAt, isInEarningPeriod, rulesAt, windowDaysFor, type RulesVersionView } from './campaign.view';
import type { CatalogView } from './catalog.view';
import { codeAllowsChannel, codeProblemAt, type CodeLifecycleProblem, type CodeView } from './code.view';
import { influencerMayEarnAt } from './influencer.view';

export interface OrderMoment {
  channel: Channel;
  atMs: number;
}

export interface QualifiedTouch {
  candidate: Candidate;
  code: CodeView;
  /** The campaign's rules in force at the order's time. */
  version: RulesVersionView;
  windowDays: number;
}

export type Qualification = { qualified: true; touch: QualifiedTouch } | { qualified: false; reason: CandidateRejection };

/**
 * The checks, in order; the first failure is the reason. Campaign state, rules, window, channel and
 * influencer are judged at the order's time (that is when the conversion happens); the code's own
 * validity and the campaign's earning period also at the touch's time (that is when the customer
 * used it). Everything is business time: when the manager recorded an event does not matter.
 */
export function qualify(candidate: Candidate, order: OrderMoment, catalog: CatalogView): Qualification {
  const reject = (reason: CandidateRejection): Qualification => ({ qualified: false, reason });
  if (candidate.atMs > order.atMs) return reject('touch_after_order');

  const code = catalog.findCode(candidate.code);
  if (code === undefined) return reject('unknown_code');

  const campaign = catalog.findCampaign(code.campaignId);
  if (campaign === undefined) return reject('campaign_inactive');
  const version = rulesAt(campaign, order.atMs);
  const { rules } = version;
  const campaignProblem = campaignProblemAt(campaign, rules, order.atMs);
  if (campaignProblem === 'inactive') return reject('campaign_inactive');

  const windowDays = windowDaysFor(rules, order.channel);
  if (candidate.atMs < order.atMs - windowDays * DAY_MS) return reject('outside_window');
  if (campaignProblem === 'outside_period' || !isInEarningPeriod(campaign, rules, candidate.atMs)) {
    return reject('outside_campaign_period');
  }
  if (!rules.channels.includes(order.channel)) return reject('channel_not_eligible');
  if (!codeAllowsChannel(code, order.channel)) return reject('code_channel_not_eligible');

  const lifecycleProblem = codeProblemAt(code, candidate.atMs);
  if (lifecycleProblem !== undefined) return reject(rejectionFor(lifecycleProblem));

  if (!modelAcceptsTouch(rules.attribution.model, candidate.touchKind, code.kind)) return reject('model_mismatch');

  const influencer = catalog.findInfluencer(code.influencerId);
  if (influencer === undefined || !influencerMayEarnAt(influencer, order.atMs)) return reject('influencer_inactive');

  return { qualified: true, touch: { candidate, code, version, windowDays } };
}

function rejectionFor(problem: CodeLifecycleProblem): CandidateRejection {
  switch (problem) {
    case 'inactive':
      return 'code_inactive';
    case 'not_yet_valid':
      return 'code_not_yet_valid';
    case 'expired':
      return 'code_expired';
    default:
      return assertNever(problem, 'code lifecycle problem');
  }
}
