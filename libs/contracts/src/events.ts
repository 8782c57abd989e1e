// The event catalogue: every event's type name and payload. Events are facts in past tense;
// business time is in the payload (`…At`) and in metadata.occurredAt. Payloads are JSON:
// money is { amount, currency } in integer minor units; times ISO 8601.
import type { Money } from '@ledger/kernel';
import type {
  AttributionModel,
  CampaignRules,
  Channel,
  ClawbackAfterPaid,
  CodeKind,
  Discount,
  FraudDecision,
  FraudRule,
  HoldKind,
  OrderLine,
  PayoutSchedule,
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
  earningId: string; amount: Money; cumulative: number; reference: { kind: 'return' | 'cancellation' | 'fraud' | 'reversal'; id: string };
  reasonCode: string; note?: string; at: string;
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

// ── governance: stream grant-<org>.<grantId> (one grant: created, then at most revoked) ──
/** A role given to an actor, in force from `validFrom` (inclusive) until `validUntil` (exclusive; none: permanent). */
export interface GrantCreated {
  grantId: string; actorId: string; role: string; validFrom: string; validUntil?: string; grantedBy: string; grantedAt: string;
}
export interface GrantRevoked { grantId: string; actorId: string; role: string; reasonCode: string; revokedBy: string; at: string }

// ── governance: stream policy-<org>.current (the org's payout and clawback policy; primary owner only) ──
export interface PayoutPolicy { schedule: PayoutSchedule; minPayoutByCurrency: Record<string, Money> }
export interface ClawbackPolicy { afterPaid: ClawbackAfterPaid }
/** The whole policy after the change (`policy`), and which parts this change set (`changed`). */
export interface PolicySet {
  policy: { payout?: PayoutPolicy; clawback?: ClawbackPolicy }; changed: Array<'payout' | 'clawback'>; version: number; setBy: string; at: string;
}
// ── programs: stream application-<org>.<applicationId> (public intake; bounded: submission + one decision) ──
/** Values of a campaign's configured intake fields (text, url and email as strings, number as a number). */
export type IntakeValues = Record<string, string | number>;
export interface ApplicationSubmitted { applicationId: string; campaignId: string; name: string; email: string; fields: IntakeValues; submittedAt: string }
/** The profile (InfluencerRegistered) and its code (CodeIssued) are appended in the same atomic append. */
export interface ApplicationApproved { applicationId: string; campaignId: string; influencerId: string; codeId: string; code: string; kind: CodeKind; at: string }
export interface ApplicationRejected { applicationId: string; campaignId: string; reasonCode: string; note?: string; at: string }

// ── collaboration: stream comment-<org>.<commentId> (one comment, its revisions, status and reports) ──
export interface CommentSubject { kind: string; id: string }
export interface CommentAttachment { name: string; mediaType: string; size: number; url: string }
export interface CommentPosted {
  commentId: string; subject: CommentSubject; body: string; parentId?: string; attachments: CommentAttachment[]; authorId: string; postedAt: string;
}
/** `revision` 1 is the posted body; each revise adds the next (history kept in the stream). */
export interface CommentRevised { commentId: string; revision: number; body: string; revisedBy: string; at: string }
export interface CommentStatusChanged { commentId: string; status: 'open' | 'resolved' | 'hidden'; changedBy: string; at: string }
export interface CommentReported { commentId: string; reasonCode: string; reportedBy: string; at: string }

// ── collaboration: stream inbox-<org>.<inboxItemId> (one actionable item addressed to roles) ──
export interface InboxItemCreated {
  inboxItemId: string; kind: string; subject: CommentSubject; title: string; body?: string; roles: string[];
  /** The event that made the item (automatic items); absent for inbox/create. */
  cause?: { eventId: string; type: string; stream: string };
  createdBy: string; createdAt: string;
}
export interface InboxItemStatusChanged { inboxItemId: string; status: 'unread' | 'read' | 'archived'; changedBy: string; at: string }
export interface InboxItemStateChanged { inboxItemId: string; state: 'open' | 'in_progress' | 'done'; changedBy: string; at: string }
// ── statements: streams statement-<org>.<statementId> (one issued statement) and
//    statementseries-<org>.<influencerId> (the influencer's numbering: one small entry per statement) ──
/** A line of an issued statement; `amount` signed as the statement counts it (prior-period lines: their effect on `owed`). */
export interface StatementLine { at: string; kind: string; earningId: string; orderId?: string; sourceRef?: string; amount: Money; note?: string }
export interface StatementBalances { owed: Money; payable: Money }
/**
 * An issued statement, complete: lines and totals are fixed here at issuance, so the read model rebuilt from
 * this event is the same statement byte for byte, whatever the ledger or this code learn later (ADR 0014).
 * `cutoff` is the $all position (wire form) of the facts it holds; `previousStatementId` the one its opening comes from.
 */
export interface StatementIssued {
  statementId: string; number: string; seq: number; influencerId: string; currency: string; periodStart: string; periodEnd: string;
  issuedAt: string; cutoff: string | null; previousStatementId: string | null; opening: StatementBalances; earned: Money; clawedBack: Money;
  adjustments: Money; released: Money; paid: Money; closing: StatementBalances; priorPeriodAdjustments: Money; lines: StatementLine[];
}
/** The influencer's numbering and chain: what the next statement needs (overlap, opening, cutoff) without reading any statement. */
export interface StatementNumbered {
  statementId: string; number: string; seq: number; influencerId: string; currency: string; periodStart: string; periodEnd: string;
  cutoff: string | null; closing: StatementBalances; issuedAt: string;
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
  GrantCreated: GrantCreated; GrantRevoked: GrantRevoked; PolicySet: PolicySet;
  ApplicationSubmitted: ApplicationSubmitted; ApplicationApproved: ApplicationApproved; ApplicationRejected: ApplicationRejected;
  CommentPosted: CommentPosted; CommentRevised: CommentRevised; CommentStatusChanged: CommentStatusChanged; CommentReported: CommentReported;
  InboxItemCreated: InboxItemCreated; InboxItemStatusChanged: InboxItemStatusChanged; InboxItemStateChanged: InboxItemStateChanged;
  StatementIssued: StatementIssued; StatementNumbered: StatementNumbered;
  FraudFlagRaised: FraudFlagRaised; FraudFlagReviewed: FraudFlagReviewed; FraudCheckCompleted: FraudCheckCompleted;
  FraudRulesSet: FraudRulesSet; OrderClaimConflicted: OrderClaimConflicted;
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
  grant: 'grant', policy: 'policy',
  application: 'application', comment: 'comment', inbox: 'inbox',
  statement: 'statement', statementSeries: 'statementseries',
  dispute: 'dispute',
  fraud: 'fraud', fraudCheck: 'fraudcheck', fraudRules: 'fraudrules', orderClaim: 'orderclaim',
  payout: 'payout' } as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[keyof typeof STREAM_CATEGORIES];

/**
 * The one context that appends to each stream category (ARCHITECTURE "Contexts own their streams").
 * A flow (libs/flows) appends to a context's stream only through that context's decider.
 * test/architecture/stream-ownership.spec.ts holds every context's code to it.
 */
export const STREAM_OWNERS: Record<StreamCategory, 'programs' | 'attribution' | 'orders' | 'ledger'
  | 'governance'
  | 'collaboration'
  | 'statements'
  | 'disputes'
  | 'fraud'
  | 'payouts'> = {
  campaign: 'programs',
  influencer: 'programs',
  code: 'programs',
  customer: 'attribution',
  order: 'orders',
  earning: 'ledger',
  earningmonth: 'ledger',
  conversion: 'ledger',
  grant: 'governance',
  policy: 'governance',
  application: 'programs',
  comment: 'collaboration',
  inbox: 'collaboration',
  statement: 'statements',
  statementseries: 'statements',
  dispute: 'disputes',
  fraud: 'fraud',
  fraudcheck: 'fraud',
  fraudrules: 'fraud',
  orderclaim: 'orders',
  payout: 'payouts',
};

// ── modifications (issue 10 item 4, seed 003): earning streams earning-<org>.<earningId> ──
/**
 * A manual correction of an earning's commission before its lock date: the new amount, given or
 * recalculated from a corrected commission base with the recorded rules version (or, when
 * `applyCurrentTerms`, the terms in force at the modification — recorded as such).
 */
export interface EarningAdjusted {
  earningId: string; modificationId: string; previousAmount: Money; amount: Money; delta: Money; reasonCode: string; note?: string;
  applyCurrentTerms: boolean; rulesVersion: number; commissionBase?: number; disputeId?: string; at: string;
}
/**
 * A new payable earning of kind `make_good` (its own earning stream): the only correction after the lock date,
 * and the other half of a dispute's re-attribution. The original earning's order, channel and level are copied when named.
 */
export interface MakeGoodGranted {
  earningId: string; modificationId: string; influencerId: string; campaignId: string; currency: string; amount: Money;
  originalEarningId?: string; orderId?: string; channel?: Channel; level?: number; rulesVersion: number; disputeId?: string;
  reasonCode: string; note?: string; at: string;
}

// ── disputes (issue 11 item 3): stream dispute-<org>.<disputeId> ──
export type DisputeSubjectKind = 'earning' | 'attribution' | 'payout';
export interface DisputeEvidence { name: string; mediaType?: string; url?: string; size?: number; note?: string }
export interface DisputeResolution { kind: 'adjust' | 'reassign' | 'no_change'; amount?: Money; influencerId?: string }
export interface DisputeOpened {
  disputeId: string; subject: { kind: DisputeSubjectKind; id: string }; influencerId: string; earningId?: string;
  reasonCode: string; description: string; evidence: DisputeEvidence[]; respondBy?: string; openedBy: string; held: boolean; at: string;
}
export interface DisputeReviewStarted { disputeId: string; by: string; note?: string; at: string }
export interface DisputeResolved { disputeId: string; resolution: DisputeResolution; note: string; by: string; modificationIds: string[]; at: string }
export interface DisputeRejected { disputeId: string; reasonCode: string; note?: string; by: string; at: string }
export interface DisputeWithdrawn { disputeId: string; reasonCode?: string; note?: string; by: string; at: string }

// Declaration merging: the entries above join the catalogue without touching its list.
export interface EventPayloads {
  EarningAdjusted: EarningAdjusted;
  MakeGoodGranted: MakeGoodGranted;
  DisputeOpened: DisputeOpened;
  DisputeReviewStarted: DisputeReviewStarted;
  DisputeResolved: DisputeResolved;
  DisputeRejected: DisputeRejected;
  DisputeWithdrawn: DisputeWithdrawn;
}
