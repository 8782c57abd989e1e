import type { ColumnType } from 'kysely';

// Tables of the `kpi` projection (migration 2026-12-02T11-00-kpis): additive facts keyed by source,
// aggregated at query time (libs/kpis/src/kpis/queries). bigint money arrives as number.

type Timestamp = ColumnType<Date, string, string>;
type NullableTimestamp = ColumnType<Date | null, string | null, string | null>;

export interface KpiOrderTable { org: string; order_id: string; channel: string; currency: string; customer_ref: string; units: number; revenue_minor: number; codes: string[]; occurred_at: Timestamp }
export interface KpiOrderLineTable { org: string; order_id: string; line_id: string; quantity: number; base_minor: number }
export interface KpiReturnLineTable { org: string; order_id: string; return_id: string; line_id: string; quantity: number; occurred_at: Timestamp }
export interface KpiOrderCancelTable { org: string; order_id: string; occurred_at: Timestamp }
export interface KpiConversionTable {
  org: string; order_id: string; campaign_id: string; influencer_id: string; channel: string; basis_code: string; basis_touch_id: string | null;
  commission_base_minor: number; currency: string; occurred_at: Timestamp;
}
export interface KpiAssistTable { org: string; order_id: string; campaign_id: string; influencer_id: string; channel: string; currency: string; occurred_at: Timestamp }
export interface KpiTouchTable { org: string; touch_id: string; campaign_id: string; influencer_id: string; channel: string; touch_kind: string; code: string; occurred_at: Timestamp }
export interface KpiCodeTable {
  org: string; code: string; campaign_id: string; influencer_id: string; channels: string[] | null; valid_from: Timestamp; valid_until: NullableTimestamp;
  deactivated_at: NullableTimestamp;
}
export interface KpiInfluencerTable { org: string; influencer_id: string; tier: string | null }
export interface KpiCampaignCostTable { org: string; campaign_id: string; cost_id: string; channel: string | null; amount_minor: number; currency: string; occurred_at: Timestamp }
export interface KpiEarningTable {
  org: string; earning_id: string; kind: string; influencer_id: string; campaign_id: string; order_id: string | null; channel: string | null; level: number;
  currency: string; state: string; amount_minor: number; pending_minor: number; held_minor: number; payable_minor: number; paid_minor: number;
  clawed_back_minor: number; exception: boolean; occurred_at: Timestamp; approved_at: NullableTimestamp; paid_at: NullableTimestamp;
  last_commit_position: string; last_prepare_position: string;
}
export interface KpiFraudFlagTable {
  org: string; flag_id: string; rule: string | null; influencer_id: string | null; order_id: string | null; occurred_at: NullableTimestamp;
  decision: string | null; reviewed_at: NullableTimestamp;
}
export interface KpiDisputeTable { org: string; dispute_id: string; subject_kind: string | null; subject_id: string | null; occurred_at: Timestamp }

export interface KpiPartialDB {
  kpi_order: KpiOrderTable;
  kpi_order_line: KpiOrderLineTable;
  kpi_return_line: KpiReturnLineTable;
  kpi_order_cancel: KpiOrderCancelTable;
  kpi_conversion: KpiConversionTable;
  kpi_assist: KpiAssistTable;
  kpi_touch: KpiTouchTable;
  kpi_code: KpiCodeTable;
  kpi_influencer: KpiInfluencerTable;
  kpi_campaign_cost: KpiCampaignCostTable;
  kpi_earning: KpiEarningTable;
  kpi_fraud_flag: KpiFraudFlagTable;
  kpi_dispute: KpiDisputeTable;
}

export const KPI_TABLES: readonly (keyof KpiPartialDB)[] = [
  'kpi_order', 'kpi_order_line', 'kpi_return_line', 'kpi_order_cancel', 'kpi_conversion', 'kpi_assist', 'kpi_touch', 'kpi_code',
  'kpi_influencer', 'kpi_campaign_cost', 'kpi_earning', 'kpi_fraud_flag', 'kpi_dispute',
];
