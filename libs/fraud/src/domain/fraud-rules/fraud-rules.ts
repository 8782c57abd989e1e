// The four fraud rules, pure: what an attributed order looks like to them in, findings out.
// No clock, no store: the process manager gathers the facts (identities, codes, the code's recent
// orders) and the rules only judge them, so a replay judges the same facts the same way.
import { FRAUD_RULES, type Channel, type FraudRule } from '@ledger/contracts';
import { LIMITS } from '@ledger/kernel';

export interface FraudSettings {
  enabled: Record<FraudRule, boolean>;
  velocityPerHour: number;
}

export const DEFAULT_FRAUD_SETTINGS: FraudSettings = {
  enabled: { self_referral: true, duplicate_claim: true, velocity: true, channel_misuse: true },
  velocityPerHour: LIMITS.fraud.velocityPerHourDefault,
};

/** A code as it was used on (or before) the order: who owns it, where it may be used, where it was used. */
export interface CodeUse {
  code: string;
  influencerId: string;
  /** The code's channel limits; undefined: every channel. */
  codeChannels?: readonly Channel[];
  /** Where it was used: the order's channel for a code on the order, the touch's for a recorded touch. */
  usedIn: Channel;
  via: 'order' | 'touch';
}

/** An earlier delivery of this orderId under another sourceRef with other content (refused 409 at intake). */
export interface ConflictingDelivery {
  sourceRef: string;
  fields: string[];
}

export interface OrderUnderCheck {
  orderId: string;
  customerRef: string;
  channel: Channel;
  occurredAt: string;
  /** The influencer the order was attributed to (level 1) and the code that won. */
  winner: { influencerId: string; code: string };
  /** The winner's identities (InfluencerRegistered: email, customer refs). */
  winnerIdentities: { email?: string; customerRefs: readonly string[] };
  /** Known codes on the order, and the winning recorded touch (if a touch won). */
  uses: readonly CodeUse[];
  /** Orders attributed with the winning code in (occurredAt − 1 h, occurredAt], this one included. */
  codeOrdersInHour: number;
  conflictingDeliveries?: readonly ConflictingDelivery[];
}

export interface RuleFinding {
  rule: FraudRule;
  /** Whose payouts the flag holds. */
  influencerId: string;
  evidence: Record<string, unknown>;
}

export interface FraudCheckOutcome {
  rulesRun: FraudRule[];
  findings: RuleFinding[];
}

export function runFraudRules(order: OrderUnderCheck, settings: FraudSettings): FraudCheckOutcome {
  const rulesRun = FRAUD_RULES.filter((rule) => settings.enabled[rule]);
  const findings: RuleFinding[] = [];
  for (const rule of rulesRun) findings.push(...RULES[rule](order, settings));
  return { rulesRun, findings };
}

const RULES: Record<FraudRule, (order: OrderUnderCheck, settings: FraudSettings) => RuleFinding[]> = {
  self_referral: selfReferral,
  duplicate_claim: duplicateClaim,
  velocity,
  channel_misuse: channelMisuse,
};

/** The customer is the influencer: the order's customerRef is one of their customer refs, or their email. */
function selfReferral(order: OrderUnderCheck): RuleFinding[] {
  const { customerRefs, email } = order.winnerIdentities;
  const matched = customerRefs.includes(order.customerRef)
    ? 'customerRef'
    : email !== undefined && email.trim().toLowerCase() === order.customerRef.trim().toLowerCase()
      ? 'email'
      : null;
  if (matched === null) return [];
  return [{ rule: 'self_referral', influencerId: order.winner.influencerId, evidence: { customerRef: order.customerRef, matchedIdentity: matched, code: order.winner.code } }];
}

/**
 * One order claimed by two influencers (codes of both on it: the precedence winner earns once, at level 1),
 * or claimed twice (the orderId delivered again under another sourceRef with other content).
 */
function duplicateClaim(order: OrderUnderCheck): RuleFinding[] {
  const onOrder = order.uses.filter((u) => u.via === 'order');
  const claimants = [...new Map(onOrder.map((u) => [u.influencerId, u.code])).entries()].map(([influencerId, code]) => ({ influencerId, code }));
  const redeliveries = order.conflictingDeliveries ?? [];
  if (claimants.length < 2 && redeliveries.length === 0) return [];
  const evidence: Record<string, unknown> = { winner: order.winner };
  if (claimants.length >= 2) evidence.claimants = claimants.slice(0, LIMITS.fraud.evidenceEntriesMax);
  if (redeliveries.length > 0) evidence.conflictingDeliveries = redeliveries.slice(0, LIMITS.fraud.evidenceEntriesMax);
  return [{ rule: 'duplicate_claim', influencerId: order.winner.influencerId, evidence }];
}

/** More orders of one code in the hour up to this order than the org allows: at the threshold exactly, still clear. */
function velocity(order: OrderUnderCheck, settings: FraudSettings): RuleFinding[] {
  if (order.codeOrdersInHour <= settings.velocityPerHour) return [];
  const windowEnd = Date.parse(order.occurredAt);
  return [
    {
      rule: 'velocity',
      influencerId: order.winner.influencerId,
      evidence: {
        code: order.winner.code,
        ordersInHour: order.codeOrdersInHour,
        velocityPerHour: settings.velocityPerHour,
        windowStart: new Date(windowEnd - LIMITS.fraud.velocityWindowMs).toISOString(),
        windowEnd: new Date(windowEnd).toISOString(),
      },
    },
  ];
}

/** A code used where its channel limits do not allow it: the code's owner is flagged, once per order. */
function channelMisuse(order: OrderUnderCheck): RuleFinding[] {
  const misused = order.uses.filter((u) => u.codeChannels !== undefined && !u.codeChannels.includes(u.usedIn));
  const byInfluencer = new Map<string, CodeUse[]>();
  for (const use of misused) byInfluencer.set(use.influencerId, [...(byInfluencer.get(use.influencerId) ?? []), use]);
  return [...byInfluencer].map(([influencerId, uses]) => ({
    rule: 'channel_misuse' as const,
    influencerId,
    evidence: { uses: uses.slice(0, LIMITS.fraud.evidenceEntriesMax).map((u) => ({ code: u.code, via: u.via, usedIn: u.usedIn, codeChannels: [...(u.codeChannels ?? [])] })) },
  }));
}
