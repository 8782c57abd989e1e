// Published language shared by every context: plain types, no behaviour, no framework.
import type { Money } from '@ledger/kernel';

export const CHANNELS = ['ecommerce', 'pos', 'wholesale', 'partner', 'marketplace'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ATTRIBUTION_MODELS = ['first_touch', 'last_touch', 'coupon', 'link', 'qr', 'in_store'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export const CODE_KINDS = ['coupon', 'link', 'qr', 'in_store'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

/** How a touch happened. `code` = a code applied at checkout (ApplyCode) or carried on the order. */
export const TOUCH_KINDS = ['click', 'link', 'qr_scan', 'in_store', 'code'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

/** Roles of people (and of their tools acting for them): each may at least read the org's programs and ledger. */
export const INF_USER_ROLES = [
  'inf_owner',
  'inf_admin',
  'inf_campaign_manager',
  'inf_finance',
  'inf_fraud_reviewer',
  'inf_auditor',
  'inf_viewer',
] as const;

/**
 * A machine identity (SCM bridge, shop backend, till fleet): SCM intake, touches and ApplyCode
 * only, so an integration never needs a full-admin token. A token holding no other role reaches
 * only the routes that name it (AuthGuard).
 */
export const INTEGRATION_ROLE = 'inf_integration';

export const INF_ROLES = [...INF_USER_ROLES, INTEGRATION_ROLE] as const;
export type InfRole = (typeof INF_ROLES)[number];

// ── governance ──
/**
 * A partner-facing token: `sub` is an influencer id, and the token reads only that influencer's
 * own data (routes declare how with @PartnerScoped; every other route refuses it). Not among
 * INF_ROLES on purpose: routes that accept "every inf_* role" must not open to partners.
 */
export const PARTNER_ROLE = 'inf_partner';
/** Every role a token may carry that means something here (the JWT verifier drops the rest). */
export const TOKEN_ROLES = [...INF_ROLES, PARTNER_ROLE] as const;
/** Roles a grant may give: the roles of people (never a machine's nor a partner's, which name who they are). */
export const GRANTABLE_ROLES = INF_USER_ROLES;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];
/** Only the primary owner grants (and revokes grants of) these. */
export const OWNER_ONLY_GRANT_ROLES = ['inf_owner', 'inf_admin'] as const;
export const PAYOUT_SCHEDULES = ['manual', 'weekly', 'biweekly', 'monthly'] as const;
export type PayoutSchedule = (typeof PAYOUT_SCHEDULES)[number];
/** What a clawback of an already paid earning does: carry a negative balance into the next payout, or write it off. */
export const CLAWBACK_AFTER_PAID = ['negative_balance', 'write_off'] as const;
export type ClawbackAfterPaid = (typeof CLAWBACK_AFTER_PAID)[number];

export type Discount = { type: 'percent'; rateBps: number } | { type: 'fixed'; amount: Money };

export type EarningsRule =
  | { type: 'percent'; rateBps: number }
  | { type: 'fixed'; amount: Money }
  | { type: 'tiered'; basis: 'orders' | 'revenue'; tiers: Array<{ from: number; rateBps: number }> };

/** Paid once per influencer and month when the month-to-date basis first reaches `threshold`. */
export interface ThresholdBonus {
  type: 'threshold';
  basis: 'orders' | 'revenue';
  threshold: number;
  amount: Money;
}

export interface ChannelOverride {
  windowDays?: number;
  discount?: Discount;
  earnings?: EarningsRule;
}

/** One version of a campaign's rules. Every earning records the version it was computed with. */
export interface CampaignRules {
  attribution: { model: AttributionModel; windowDays: number; precedence: number };
  channels: Channel[];
  channelOverrides: Partial<Record<Channel, ChannelOverride>>;
  exclusions: { skus: string[]; categories: string[] };
  earnings: EarningsRule;
  bonuses: ThresholdBonus[];
  caps: { perOrder?: Money; perMonth?: Money };
  /** Share of the level-1 earning paid to ancestors: level 2 = parent, level 3 = grandparent. */
  referralLevels: Array<{ level: number; rateBps: number }>;
  holdDays: number;
  lockDays: number;
  minPayout: Money;
  startsAt?: string;
  endsAt?: string;
  landingUrl?: string;
  /** What the public application form asks (application/submit); absent: no fields. */
  intakeFields?: IntakeField[];
}

export type CampaignStatus = 'draft' | 'active' | 'paused' | 'closed';
export type InfluencerStatus = 'applied' | 'active' | 'suspended' | 'terminated' | 'rejected';
export type EarningState = 'pending' | 'held' | 'payable' | 'paid' | 'clawed_back';
export type HoldKind = 'period' | 'manual' | 'fraud' | 'dispute';

/** An order line as SCM reports it; money in minor units of the order's currency. */
export interface OrderLine {
  lineId: string;
  sku: string;
  category?: string;
  quantity: number;
  unitPrice: number;
  /** The line's total discount. */
  discount?: number;
}

// ── collaboration: application intake, comments, inbox ──────────────────────
export const INTAKE_FIELD_TYPES = ['text', 'url', 'number', 'email'] as const;
export type IntakeFieldType = (typeof INTAKE_FIELD_TYPES)[number];
export interface IntakeField { name: string; type: IntakeFieldType; required: boolean }

export const APPLICATION_STATUSES = ['applied', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const COMMENT_STATUSES = ['open', 'resolved', 'hidden'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const INBOX_STATUSES = ['unread', 'read', 'archived'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];
export const INBOX_STATES = ['open', 'in_progress', 'done'] as const;
export type InboxState = (typeof INBOX_STATES)[number];
// ── modifications and disputes ──
/** `commission`: accrued from an order; `make_good`: granted by hand (after the lock date, or a dispute's re-attribution). */
export const EARNING_KINDS = ['commission', 'make_good'] as const;
export type EarningKind = (typeof EARNING_KINDS)[number];

/** The fraud rules every attributed order is checked against (API.md "Fraud"). */
export const FRAUD_RULES = ['self_referral', 'duplicate_claim', 'velocity', 'channel_misuse'] as const;
export type FraudRule = (typeof FRAUD_RULES)[number];
export type FraudDecision = 'release' | 'reverse';
