import type { ColumnType } from 'kysely';

// Tables of the `ledger_earning_evidence` projection (migration 2026-12-02T11-20-earning-evidence).
// Positions are numeric(20,0) and arrive as decimal strings.

type Timestamp = ColumnType<Date, string, string>;
type Json<T> = ColumnType<T, string, string>;

/** The order-side fields the earning's accrual carries (the conversion when the order's own event is not known). */
export interface AccruedFact {
  orderId: string | null;
  sourceRef: string | null;
  occurredAt: string | null;
  channel: string | null;
  amount: { amount: number; currency: string };
}

export interface AdjustmentFact {
  modificationId: string; previousAmount: { amount: number; currency: string }; amount: { amount: number; currency: string };
  delta: { amount: number; currency: string }; reasonCode: string; applyCurrentTerms: boolean; rulesVersion: number;
  commissionBase: number | null; eventId: string; at: string;
}

export interface PaidFact { payoutId: string; amount: { amount: number; currency: string }; at: string; eventId: string }
export interface PostedFact { batchId: string; itemId: string; providerRef: string | null; at: string; eventId: string }

export interface LedgerEarningEvidenceTable {
  org: string;
  earning_id: string;
  order_id: string | null;
  influencer_id: string | null;
  campaign_id: string | null;
  rules_version: number | null;
  accrued: Json<AccruedFact | null>;
  calculation: Json<Record<string, unknown> | null>;
  adjustments: Json<AdjustmentFact[]>;
  batch_id: string | null;
  item_id: string | null;
  paid: Json<PaidFact | null>;
  paid_at: Timestamp | null;
  posted: Json<PostedFact | null>;
  last_commit_position: string | null;
  last_prepare_position: string | null;
}

export interface ConversionFact { orderId: string; sourceRef: string; occurredAt: string; channel: string; customerRef: string; eventId: string }
export interface AttributionFact {
  eventId: string; campaignId: string; influencerId: string; rulesVersion: number; model: string; windowDays: number; code: string;
  touchKind: string; touchId: string | null; touchedAt: string; channel: string; precedence: number; assisted: unknown[];
  commissionBase: { amount: number; currency: string };
}
export interface FraudCheckFact { eventId: string; influencerId: string; rulesRun: string[]; result: 'clear' | 'flagged'; flagIds: string[]; at: string }

export interface LedgerEvidenceOrderTable {
  org: string;
  order_id: string;
  conversion: Json<ConversionFact | null>;
  attribution: Json<AttributionFact | null>;
  fraud_check: Json<FraudCheckFact | null>;
  fraud_commit_position: string | null;
  fraud_prepare_position: string | null;
}

export interface ApprovalFact { batchId: string; approvedBy: string; role: string; at: string; eventId: string }

export interface LedgerEvidenceBatchTable {
  org: string;
  batch_id: string;
  approval: Json<ApprovalFact | null>;
}

export interface LedgerEvidenceDB {
  ledger_earning_evidence: LedgerEarningEvidenceTable;
  ledger_evidence_order: LedgerEvidenceOrderTable;
  ledger_evidence_batch: LedgerEvidenceBatchTable;
}
