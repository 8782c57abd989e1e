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

// ── payouts (payouts helper): the earning side on earning-<org>.<earningId>, the batch on payout-<org>.<batchId> ──
/** Creating a payout batch locked the earning's balance (`amount`, negative for a recovery) to one item of one batch. */
export interface EarningFinalized { earningId: string; batchId: string; itemId: string; amount: Money; at: string }
/** The batch or item was cancelled before payment: the earning is no longer locked (payable again). */
export interface EarningUnfinalized { earningId: string; batchId: string; itemId: string; reasonCode: string; at: string }
/** The provider returned the payment of item `<batchId>:<itemId>` (`amount` = what that payment settled): payable again. */
export interface EarningPaymentReturned { earningId: string; batchId: string; itemId: string; amount: Money; reasonCode: string; at: string }
/** Where an influencer's payouts go (programs: on the influencer stream). */
export type PayoutDestination =
  | { method: 'sandbox'; accountId: string }
  | { method: 'stripe_connect'; accountId: string }
  | { method: 'bank_transfer'; iban: string; bic?: string; accountHolder: string };
export interface PayoutMethodSet { influencerId: string; destination: PayoutDestination; at: string }
export type PayoutSkipReason = 'below_minimum' | 'no_payout_method' | 'payout_hold' | 'negative_balance';
export interface PayoutBatchItemPlan {
  itemId: string; influencerId: string; gross: Money; recovered: Money; amount: Money;
  /** Every earning locked to the item with its locked balance (negative: a recovery netted). */
  earnings: Array<{ earningId: string; amount: number }>;
  destination: PayoutDestination;
}
export interface PayoutBatchCreated {
  batchId: string; currency: string; asOf: string; createdBy: string; items: PayoutBatchItemPlan[];
  /** The first LIMITS.payouts.skippedListed influencers left out; `skippedCount` counts all. */
  skipped: Array<{ influencerId: string; reason: PayoutSkipReason }>; skippedCount: number; at: string;
}
export interface PayoutBatchApproved { batchId: string; approvedBy: string; role: string; at: string }
export interface PayoutBatchCancelled { batchId: string; cancelledBy: string; reasonCode: string; at: string }
export interface PayoutBatchExecutionStarted { batchId: string; startedBy: string; at: string }
/** Failed items sent again (same idempotency key): back to pending. */
export interface PayoutBatchRetried { batchId: string; itemIds: string[]; at: string }
export interface PayoutItemPosted { batchId: string; itemId: string; influencerId: string; earningIds: string[]; amount: Money; providerRef: string; at: string }
export interface PayoutItemFailed { batchId: string; itemId: string; attempt: number; failureCode: string; failureMessage: string; at: string }
export interface PayoutItemReturned { batchId: string; itemId: string; reasonCode: string; providerRef?: string; at: string }
export interface PayoutItemCancelled { batchId: string; itemId: string; reasonCode: string; at: string }

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
  EarningFinalized: EarningFinalized; EarningUnfinalized: EarningUnfinalized; EarningPaymentReturned: EarningPaymentReturned;
  PayoutMethodSet: PayoutMethodSet; PayoutBatchCreated: PayoutBatchCreated; PayoutBatchApproved: PayoutBatchApproved;
  PayoutBatchCancelled: PayoutBatchCancelled; PayoutBatchExecutionStarted: PayoutBatchExecutionStarted; PayoutBatchRetried: PayoutBatchRetried;
  PayoutItemPosted: PayoutItemPosted; PayoutItemFailed: PayoutItemFailed; PayoutItemReturned: PayoutItemReturned; PayoutItemCancelled: PayoutItemCancelled;
}
export type EventType = keyof EventPayloads;
/** A domain event as deciders see it: type + data, no store metadata. */
export type DomainEvent<T extends EventType = EventType> = T extends EventType ? { type: T; data: EventPayloads[T] } : never;

export const STREAM_CATEGORIES = { campaign: 'campaign', influencer: 'influencer', code: 'code', customer: 'customer', order: 'order',
  earning: 'earning', earningMonth: 'earningmonth', conversion: 'conversion',
  payout: 'payout' } as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[keyof typeof STREAM_CATEGORIES];

/**
 * The one context that appends to each stream category (ARCHITECTURE "Contexts own their streams").
 * A flow (libs/flows) appends to a context's stream only through that context's decider.
 * test/architecture/stream-ownership.spec.ts holds every context's code to it.
 */
export const STREAM_OWNERS: Record<StreamCategory, 'programs' | 'attribution' | 'orders' | 'ledger'
  | 'payouts'> = {
  campaign: 'programs',
  influencer: 'programs',
  code: 'programs',
  customer: 'attribution',
  order: 'orders',
  earning: 'ledger',
  earningmonth: 'ledger',
  conversion: 'ledger',
  payout: 'payouts',
};
