// The seven parts of an earning's evidence (docs/evidence.md), from the ledger_earning_evidence read model.
import { ApiProperty } from '@nestjs/swagger';
import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  AdjustmentFact, ApprovalFact, AttributionFact, LedgerEarningEvidenceTable, LedgerEvidenceBatchTable, LedgerEvidenceDB, LedgerEvidenceOrderTable,
} from '../../read-models/earning-evidence/earning-evidence.table';

export const EVIDENCE_PARTS = ['conversion', 'attribution', 'rules', 'fraudCheck', 'calculation', 'approval', 'payment'] as const;
export type EvidencePart = (typeof EVIDENCE_PARTS)[number];

/**
 * When a part counts as present for audit/evidence-coverage, over the joined rows e (earning), o (order), b (batch).
 * The same rules as evidenceOf below, in SQL, so coverage counts without loading every paid earning.
 */
export const PART_PRESENT_SQL: Record<EvidencePart, string> = {
  conversion: `(o.conversion IS NOT NULL OR e.accrued->>'orderId' IS NOT NULL)`,
  attribution: `o.attribution IS NOT NULL`,
  rules: `e.rules_version IS NOT NULL`,
  fraudCheck: `o.fraud_check IS NOT NULL`,
  calculation: `e.calculation IS NOT NULL`,
  approval: `b.approval IS NOT NULL`,
  // A payment proves itself with the provider's reference: an EarningPaid alone (no posted item) is not enough.
  payment: `e.posted->>'providerRef' IS NOT NULL`,
};

export class ConversionEvidence {
  @ApiProperty() orderId: string;
  @ApiProperty({ type: String, nullable: true }) sourceRef: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) occurredAt: string | null;
  @ApiProperty({ type: String, nullable: true }) channel: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null when only the accrual is known (the OrderRecorded event not projected)' }) customerRef: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The OrderRecorded event' }) eventId: string | null;
}

export class FraudCheckEvidence {
  @ApiProperty({ enum: ['not_checked', 'checked'], description: 'not_checked: no FraudCheckCompleted for the order (a visible gap, not a pass)' }) status: 'not_checked' | 'checked';
  @ApiProperty({ enum: ['clear', 'flagged'], required: false }) result?: string;
  @ApiProperty({ type: [String], required: false }) rulesRun?: string[];
  @ApiProperty({ type: [String], required: false }) flagIds?: string[];
  @ApiProperty({ required: false, format: 'date-time' }) at?: string;
  @ApiProperty({ required: false, format: 'uuid' }) eventId?: string;
}

export class RulesEvidence {
  @ApiProperty() campaignId: string;
  @ApiProperty() rulesVersion: number;
}

export class CalculationEvidence {
  @ApiProperty({ type: Object, description: 'Accrued amount { amount, currency }' }) accrued: { amount: number; currency: string };
  @ApiProperty({ type: Object, description: 'EarningAccrued.calculation (basis, rate, tier, bonus, cap, lines), or the make-good decision' }) details: Record<string, unknown>;
  @ApiProperty({ type: [Object], description: 'EarningAdjusted facts, oldest first' }) adjustments: AdjustmentFact[];
}

export class ApprovalEvidence {
  @ApiProperty() batchId: string;
  @ApiProperty() approvedBy: string;
  @ApiProperty() role: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
}

export class PaymentEvidence {
  @ApiProperty({ type: String, nullable: true }) batchId: string | null;
  @ApiProperty({ type: String, nullable: true }) itemId: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The provider's transfer reference (PayoutItemPosted)" }) providerRef: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) postedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'EarningPaid.payoutId' }) payoutId: string | null;
  @ApiProperty({ type: Object, nullable: true, description: 'EarningPaid amount' }) amount: { amount: number; currency: string } | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) paidAt: string | null;
}

export class EvidenceView {
  @ApiProperty({ type: ConversionEvidence, nullable: true }) conversion: ConversionEvidence | null;
  @ApiProperty({ type: Object, nullable: true, description: 'ConversionAttributed: model, windowDays, code, touchKind, touchId, touchedAt, channel, precedence, assisted, commissionBase' }) attribution: AttributionFact | null;
  @ApiProperty({ type: RulesEvidence, nullable: true }) rules: RulesEvidence | null;
  @ApiProperty({ type: FraudCheckEvidence, description: 'Never null: { status: "not_checked" } until the fraud rules ran' }) fraudCheck: FraudCheckEvidence;
  @ApiProperty({ type: CalculationEvidence, nullable: true }) calculation: CalculationEvidence | null;
  @ApiProperty({ type: ApprovalEvidence, nullable: true, description: "The payout batch's approver" }) approval: ApprovalEvidence | null;
  @ApiProperty({ type: PaymentEvidence, nullable: true }) payment: PaymentEvidence | null;
}

type EvidenceRow = Selectable<LedgerEarningEvidenceTable>;

/** One earning's evidence: its row and the order and batch rows it points at. */
export async function readEvidence(db: Kysely<LedgerEvidenceDB>, org: string, earningId: string): Promise<EvidenceView> {
  const row = await db.selectFrom('ledger_earning_evidence').selectAll().where('org', '=', org).where('earning_id', '=', earningId).limit(1).executeTakeFirst();
  const [order, batch] = await Promise.all([
    row?.order_id ? db.selectFrom('ledger_evidence_order').selectAll().where('org', '=', org).where('order_id', '=', row.order_id).limit(1).executeTakeFirst() : undefined,
    row?.batch_id ? db.selectFrom('ledger_evidence_batch').selectAll().where('org', '=', org).where('batch_id', '=', row.batch_id).limit(1).executeTakeFirst() : undefined,
  ]);
  return evidenceOf(row, order, batch);
}

export function evidenceOf(row: EvidenceRow | undefined, order: Selectable<LedgerEvidenceOrderTable> | undefined, batch: Selectable<LedgerEvidenceBatchTable> | undefined): EvidenceView {
  const check = order?.fraud_check ?? null;
  return {
    conversion: conversionOf(row, order),
    attribution: order?.attribution ?? null,
    rules: row?.campaign_id && row.rules_version !== null ? { campaignId: row.campaign_id, rulesVersion: row.rules_version } : null,
    fraudCheck: check
      ? { status: 'checked', result: check.result, rulesRun: check.rulesRun, flagIds: check.flagIds, at: check.at, eventId: check.eventId }
      : { status: 'not_checked' },
    calculation: row?.calculation && row.accrued ? { accrued: row.accrued.amount, details: row.calculation, adjustments: row.adjustments ?? [] } : null,
    approval: approvalOf(batch?.approval ?? null),
    payment: paymentOf(row),
  };
}

function conversionOf(row: EvidenceRow | undefined, order: Selectable<LedgerEvidenceOrderTable> | undefined): ConversionEvidence | null {
  const c = order?.conversion;
  if (c) return { orderId: c.orderId, sourceRef: c.sourceRef, occurredAt: c.occurredAt, channel: c.channel, customerRef: c.customerRef, eventId: c.eventId };
  const a = row?.accrued;
  if (!a?.orderId) return null;
  return { orderId: a.orderId, sourceRef: a.sourceRef, occurredAt: a.occurredAt, channel: a.channel, customerRef: null, eventId: null };
}

function approvalOf(approval: ApprovalFact | null): ApprovalEvidence | null {
  return approval ? { batchId: approval.batchId, approvedBy: approval.approvedBy, role: approval.role, at: approval.at, eventId: approval.eventId } : null;
}

function paymentOf(row: EvidenceRow | undefined): PaymentEvidence | null {
  if (!row || (!row.posted && !row.paid)) return null;
  return {
    batchId: row.posted?.batchId ?? row.batch_id,
    itemId: row.posted?.itemId ?? row.item_id,
    providerRef: row.posted?.providerRef ?? null,
    postedAt: row.posted?.at ?? null,
    payoutId: row.paid?.payoutId ?? null,
    amount: row.paid?.amount ?? null,
    paidAt: row.paid?.at ?? null,
  };
}

/** The parts missing for coverage, per PART_PRESENT_SQL, as one SQL array expression. */
export const MISSING_PARTS_SQL = sql.raw(
  `array_remove(ARRAY[${EVIDENCE_PARTS.map((p) => `CASE WHEN ${PART_PRESENT_SQL[p]} THEN NULL ELSE '${p}' END`).join(', ')}]::text[], NULL)`,
);
