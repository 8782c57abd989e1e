// The event catalogue: every event's type name and payload. Events are facts in past tense;
// business time is in the payload (`…At`) and in metadata.occurredAt. Payloads are JSON:
// money is { amount, currency } in integer minor units; times ISO 8601.
import type { Money } from '@ledger/kernel';
import type {
  AttributionModel,
  CampaignRules,
  Channel,
  CodeKind,
  Discount,
  FraudDecision,
  FraudRule,
  HoldKind,
  OrderLine,
  TouchKind,
} from './vocabulary';

// ── programs: stream campaign-<org>.<campaignId> ─────────────────────────────
export interface CampaignCreated { campaignId: string; name: string; rulesVersion: 1; rules: CampaignRules; createdAt: string }
export interface CampaignRulesChanged { campaignId: string; name?: string; rulesVersion: number; effectiveFrom: string; rules: CampaignRules }
export interface CampaignActivated { campaignId: string; at: string }
export interface CampaignPaused { campaignId: string; at: string; reasonCode?: string }
export interface CampaignClosed { campaignId: string; at: string; reasonCode?: string }
export interface CampaignCostRecorded { campaignId: string; costId: string; amount: Money; channel?: Channel; note?: string; incurredAt: string }

// ── programs: stream influencer-<org>.<influencerId> (profile part) ─────────
export interface InfluencerRegistered {
  influencerId: string; name: string; email: string; customerRefs: string[]; tier?: string; parentId?: string; registeredAt: string;
}
export interface InfluencerSuspended { influencerId: string; reasonCode: string; at: string }
export interface InfluencerReactivated { influencerId: string; reasonCode?: string; at: string }
export interface InfluencerTerminated { influencerId: string; reasonCode: string; at: string }

// ── programs: stream code-<org>.<CODE> (one stream per code makes codes unique per org) ──
export interface CodeIssued {
  codeId: string; code: string; campaignId: string; influencerId: string; kind: CodeKind;
  discount?: Discount; channels?: Channel[]; validFrom?: string; validUntil?: string; issuedAt: string;
}
export interface CodeDeactivated { codeId: string; code: string; reasonCode?: string; at: string }

// ── attribution: stream customer-<org>.<customerRef> (touches by customer) ───
export interface TouchRecorded {
  touchId: string; code: string; codeKind: CodeKind; touchKind: TouchKind; campaignId: string; influencerId: string;
  channel: Channel; customerRef: string; cartRef?: string; occurredAt: string;
}

// ── attribution: stream conversion-<org>.<orderId> (one event: the basis of an attributed order; ADR 0009) ──
export interface AttributionBasis {
  model: AttributionModel; windowDays: number; code: string; touchKind: TouchKind; touchId: string | null;
  touchedAt: string; channel: Channel; precedence: number;
}
export interface AssistedTouch { campaignId: string; influencerId: string; code: string; touchKind: TouchKind; touchId: string | null; touchedAt: string }
export interface ConversionAttributed {
  orderId: string; campaignId: string; influencerId: string; rulesVersion: number; basis: AttributionBasis;
  assisted: AssistedTouch[]; commissionBase: Money; occurredAt: string;
}

// ── orders: stream order-<org>.<orderId> (reconciliation point of SCM facts) ──
export interface OrderRecorded {
  orderId: string; sourceRef: string; channel: Channel; customerRef: string; occurredAt: string; currency: string;
  lines: OrderLine[]; codes: string[];
}
export interface OrderReturned { orderId: string; returnId: string; sourceRef: string; occurredAt: string; lines: Array<{ lineId: string; quantity: number }>; reason?: string }
export interface OrderCancelled { orderId: string; sourceRef: string; occurredAt: string; reason?: string }
/** The attribution process manager's decision, kept with the order so later returns reconcile against it. */
export interface AttributionDecided {
  orderId: string; attributed: boolean; campaignId?: string; influencerId?: string; rulesVersion?: number;
  reason?: string; earnings: Array<{ earningId: string; influencerId: string; level: number; amount: Money; lineAllocations: Array<{ lineId: string; quantity: number; amount: number }> }>;
}

// ── ledger: stream earning-<org>.<earningId> (one earning's ledger; bounded per earning, ADR 0009) ──
export interface EarningCalculation {
  basis: 'percent' | 'fixed' | 'tiered' | 'referral';
  commissionBase: number; rateBps?: number; fixedAmount?: number; tier?: { basis: 'orders' | 'revenue'; from: number; rateBps: number };
  bonus?: number; cappedBy?: 'perOrder' | 'perMonth'; beforeCap: number; parentOf?: string; lines: Array<{ lineId: string; base: number; excluded?: string }>;
}
export interface EarningAccrued {
  earningId: string; influencerId: string; campaignId: string; orderId: string; channel: Channel; level: number;
  amount: Money; rulesVersion: number; calculation: EarningCalculation; occurredAt: string; sourceRef: string;
}
export interface HoldPlaced { earningId: string; kind: HoldKind; holdUntil?: string; reasonCode: string; note?: string; at: string }
export interface HoldReleased { earningId: string; kind: HoldKind; reasonCode: string; note?: string; early: boolean; at: string }
export interface EarningClawedBack {
  earningId: string; amount: Money; cumulative: number; reference: { kind: 'return' | 'cancellation' | 'fraud'; id: string };
  reasonCode: string; at: string;
}
/**
 * A payout settled the earning's payable balance (amount − clawed back − paid before). Negative when the
 * payout recovered a clawback made after an earlier payment. `payoutId` makes it idempotent per payout item.
 */
export interface EarningPaid { earningId: string; amount: Money; payoutId: string; at: string }

// ── ledger: stream earningmonth-<org>.<influencerId>.<campaignId>.<currency>.<YYYY-MM> ──
/** Level-1 totals of one influencer in one campaign, currency and UTC month (what tiers, caps and bonuses read). */
export interface MonthTotals { orders: number; revenueMinor: number; earnedMinor: number; bonuses: number }
/**
 * An order's level-1 earning counted into its month. Running totals, so the month-to-date is the stream's LAST
 * event, read alone whatever the month's volume; `before` is the month without this order (deciding it again).
 */
export interface EarningsMonthTallied {
  influencerId: string; campaignId: string; currency: string; month: string; orderId: string; earningId: string;
  before: MonthTotals; after: MonthTotals;
}

// ── fraud: streams fraud-<org>.<flagId> (one flag), fraudcheck-<org>.<orderId> (one check per order),
//    fraudrules-<org>.rules (the org's rule settings) ──
/**
 * A rule found something: the evidence says what (identities matched, claimants, counts, channels). The flag
 * puts `earningIds` on hold (kind fraud): the flagged order's earnings, then the influencer's open ones.
 */
export interface FraudFlagRaised {
  flagId: string; rule: FraudRule; influencerId: string; orderId?: string; evidence: Record<string, unknown>; earningIds: string[]; at: string;
}
/** A person decided (never automatic): release the holds, or reverse (claw back) the flagged order's earnings. */
export interface FraudFlagReviewed { flagId: string; decision: FraudDecision; reasonCode: string; note?: string; at: string }
/** What one rule found on an order; its flag (on its own stream) is raised from it. */
export interface FraudFinding { flagId: string; rule: FraudRule; influencerId: string; evidence: Record<string, unknown> }
/** Every attributed order is checked once: the earning's `fraudCheck` evidence (`findings`: one per flag). */
export interface FraudCheckCompleted {
  orderId: string; influencerId: string; rulesRun: FraudRule[]; result: 'clear' | 'flagged'; flagIds: string[]; findings: FraudFinding[]; at: string;
}
/**
 * orders: stream orderclaim-<org>.<orderId>. An orderId delivered again under another sourceRef with other content:
 * refused (409 ORDER.CONFLICTING_FACT), and recorded here, apart from the order's facts, as a second claim on the order
 * (fraud's duplicate_claim). One event per conflicting sourceRef (its id is deterministic in it).
 */
export interface OrderClaimConflicted { orderId: string; sourceRef: string; recordedSourceRef: string; fields: string[]; at: string }
/** The org's rule settings from now on (whole, not a patch: the stream's last event is the settings). */
export interface FraudRulesSet { enabled: Record<FraudRule, boolean>; velocityPerHour: number; reasonCode?: string; at: string }

export interface EventPayloads {
  CampaignCreated: CampaignCreated; CampaignRulesChanged: CampaignRulesChanged; CampaignActivated: CampaignActivated;
  CampaignPaused: CampaignPaused; CampaignClosed: CampaignClosed; CampaignCostRecorded: CampaignCostRecorded;
  InfluencerRegistered: InfluencerRegistered; InfluencerSuspended: InfluencerSuspended;
  InfluencerReactivated: InfluencerReactivated; InfluencerTerminated: InfluencerTerminated;
  CodeIssued: CodeIssued; CodeDeactivated: CodeDeactivated; TouchRecorded: TouchRecorded;
  ConversionAttributed: ConversionAttributed; OrderRecorded: OrderRecorded; OrderReturned: OrderReturned;
  OrderCancelled: OrderCancelled; AttributionDecided: AttributionDecided; EarningAccrued: EarningAccrued;
  HoldPlaced: HoldPlaced; HoldReleased: HoldReleased; EarningClawedBack: EarningClawedBack; EarningPaid: EarningPaid;
  EarningsMonthTallied: EarningsMonthTallied;
  FraudFlagRaised: FraudFlagRaised; FraudFlagReviewed: FraudFlagReviewed; FraudCheckCompleted: FraudCheckCompleted;
  FraudRulesSet: FraudRulesSet; OrderClaimConflicted: OrderClaimConflicted;
}
export type EventType = keyof EventPayloads;
/** A domain event as deciders see it: type + data, no store metadata. */
export type DomainEvent<T extends EventType = EventType> = T extends EventType ? { type: T; data: EventPayloads[T] } : never;

export const STREAM_CATEGORIES = { campaign: 'campaign', influencer: 'influencer', code: 'code', customer: 'customer', order: 'order',
  earning: 'earning', earningMonth: 'earningmonth', conversion: 'conversion',
  fraud: 'fraud', fraudCheck: 'fraudcheck', fraudRules: 'fraudrules', orderClaim: 'orderclaim' } as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[keyof typeof STREAM_CATEGORIES];

/**
 * The one context that appends to each stream category (ARCHITECTURE "Contexts own their streams").
 * A flow (libs/flows) appends to a context's stream only through that context's decider.
 * test/architecture/stream-ownership.spec.ts holds every context's code to it.
 */
export const STREAM_OWNERS: Record<StreamCategory, 'programs' | 'attribution' | 'orders' | 'ledger'
  | 'fraud'> = {
  campaign: 'programs',
  influencer: 'programs',
  code: 'programs',
  customer: 'attribution',
  order: 'orders',
  earning: 'ledger',
  earningmonth: 'ledger',
  conversion: 'ledger',
  fraud: 'fraud',
  fraudcheck: 'fraud',
  fraudrules: 'fraud',
  orderclaim: 'orders',
};
