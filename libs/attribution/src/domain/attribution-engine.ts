// The pure attribution engine: which campaign and influencer an order is credited to, and why.
import type { AssistedTouch, AttributionBasis } from '@ledger/contracts';
import { assert, LIMITS } from '@ledger/kernel';
import { modelPrefersEarliest } from './attribution-model';
import type {
  AttributionInput,
  AttributionOutcome,
  Candidate,
  CandidateRejection,
  OrderForAttribution,
  RejectedCandidate,
  TouchForAttribution,
} from './attribution.types';
import { epochMs } from './business-time';
import { qualify, type QualifiedTouch } from './candidate-qualification';
import { compareByTime, compareStrings, isPreferred } from './candidate-order';
import type { CatalogView } from './catalog.view';

export function attribute(input: AttributionInput): AttributionOutcome {
  const { order, touches, catalog } = input;
  assert(touches.length <= LIMITS.attribution.touchesPerCustomer, 'the touch loader bounds touches per customer');
  const moment = { channel: order.channel, atMs: epochMs(order.occurredAt) };

  const candidates = [...touches.map(touchCandidate), ...orderCodeCandidates(order, catalog)];
  if (candidates.length === 0) return { attributed: false, reason: 'no_candidates', assisted: [], rejected: [] };

  const qualified: QualifiedTouch[] = [];
  const rejected: Array<{ candidate: Candidate; reason: CandidateRejection }> = [];
  for (const candidate of candidates) {
    const qualification = qualify(candidate, moment, catalog);
    if (qualification.qualified) qualified.push(qualification.touch);
    else rejected.push({ candidate, reason: qualification.reason });
  }
  const rejectedOldestFirst = rejected
    .sort((a, b) => compareByTime(a.candidate, b.candidate))
    .map(({ candidate, reason }) => rejectedCandidate(candidate, reason));

  const winning = chooseBetweenCampaigns(pickPerCampaign(qualified));
  if (winning === undefined) {
    return { attributed: false, reason: 'no_qualifying_touch', assisted: [], rejected: rejectedOldestFirst };
  }

  const { rules } = winning.version;
  const basis: AttributionBasis = {
    model: rules.attribution.model,
    windowDays: winning.windowDays,
    code: winning.code.code,
    touchKind: winning.candidate.touchKind,
    touchId: winning.candidate.touchId,
    touchedAt: winning.candidate.occurredAt,
    channel: order.channel,
    precedence: rules.attribution.precedence,
  };
  const winnerProfile = catalog.findInfluencer(winning.code.influencerId);
  assert(winnerProfile !== undefined, 'a qualified touch has a known influencer');
  return {
    attributed: true,
    winner: {
      campaignId: winning.code.campaignId,
      influencerId: winning.code.influencerId,
      code: winning.code.code,
      rulesVersion: winning.version.rulesVersion,
      rules,
      basis,
    },
    assisted: qualified
      .filter((touch) => touch !== winning)
      .sort((a, b) => compareByTime(a.candidate, b.candidate))
      .map(assistedTouch),
    selfReferral: winnerProfile.customerRefs.includes(order.customerRef),
    rejected: rejectedOldestFirst,
  };
}

function touchCandidate(touch: TouchForAttribution): Candidate {
  return {
    source: 'touch',
    touchId: touch.touchId,
    code: touch.code,
    touchKind: touch.touchKind,
    occurredAt: touch.occurredAt,
    atMs: epochMs(touch.occurredAt),
  };
}

/**
 * Each distinct known code on the order is a `code` touch at the order's time; unknown codes are
 * ignored. Distinct by the catalog's spelling, so `summer` and `SUMMER` on one order count once.
 */
function orderCodeCandidates(order: OrderForAttribution, catalog: CatalogView): Candidate[] {
  const atMs = epochMs(order.occurredAt);
  const known = new Set<string>();
  for (const raw of order.codes) {
    const code = catalog.findCode(raw);
    if (code !== undefined) known.add(code.code);
  }
  return [...known].map((code) => ({ source: 'order_code', touchId: null, code, touchKind: 'code', occurredAt: order.occurredAt, atMs }));
}

/** Within a campaign the model picks the touch: earliest for first_touch, latest otherwise. */
function pickPerCampaign(qualified: readonly QualifiedTouch[]): QualifiedTouch[] {
  const picks = new Map<string, QualifiedTouch>();
  for (const touch of qualified) {
    const current = picks.get(touch.code.campaignId);
    const earliest = modelPrefersEarliest(touch.version.rules.attribution.model);
    if (current === undefined || isPreferred(touch.candidate, current.candidate, earliest)) {
      picks.set(touch.code.campaignId, touch);
    }
  }
  return [...picks.values()];
}

/** Highest precedence; then the latest touch; then the smaller campaign id. */
function chooseBetweenCampaigns(picks: readonly QualifiedTouch[]): QualifiedTouch | undefined {
  let best: QualifiedTouch | undefined;
  for (const pick of picks) {
    if (best === undefined || beats(pick, best)) best = pick;
  }
  return best;
}

function beats(a: QualifiedTouch, b: QualifiedTouch): boolean {
  const precedenceA = a.version.rules.attribution.precedence;
  const precedenceB = b.version.rules.attribution.precedence;
  if (precedenceA !== precedenceB) return precedenceA > precedenceB;
  if (a.candidate.atMs !== b.candidate.atMs) return a.candidate.atMs > b.candidate.atMs;
  return compareStrings(a.code.campaignId, b.code.campaignId) < 0;
}

function assistedTouch(touch: QualifiedTouch): AssistedTouch {
  return {
    campaignId: touch.code.campaignId,
    influencerId: touch.code.influencerId,
    code: touch.code.code,
    touchKind: touch.candidate.touchKind,
    touchId: touch.candidate.touchId,
    touchedAt: touch.candidate.occurredAt,
  };
}

function rejectedCandidate(candidate: Candidate, reason: CandidateRejection): RejectedCandidate {
  return {
    code: candidate.code,
    touchId: candidate.touchId,
    touchKind: candidate.touchKind,
    touchedAt: candidate.occurredAt,
    reason,
  };
}
