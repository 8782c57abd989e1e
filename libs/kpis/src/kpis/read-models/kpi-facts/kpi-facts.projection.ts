import { sql, type Selectable, type Transaction } from 'kysely';
import {
  normaliseCode,
  type CampaignCostRecorded,
  type CodeDeactivated,
  type CodeIssued,
  type DomainEvent,
  type ConversionAttributed,
  type InfluencerRegistered,
  type OrderCancelled,
  type OrderRecorded,
  type OrderReturned,
  type TouchRecorded,
} from '@ledger/contracts';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/projections';
import { EARNING_FACT_EVENT_TYPES, factBuckets, foldEarningFact, type EarningFact } from '../../../domain/earning-fact';
import {
  DISPUTE_EVENT_TYPES,
  FOREIGN_EARNING_EVENT_TYPES,
  FRAUD_EVENT_TYPES,
} from '../../../domain/foreign-events';
import { KPI_TABLES, type KpiEarningTable, type KpiPartialDB } from './kpi-facts.table';
import { writeAll, writeRows, type Column } from './recordset-write';

const EARNING_TYPES = new Set<string>([...EARNING_FACT_EVENT_TYPES, ...FOREIGN_EARNING_EVENT_TYPES]);

export const KPI_EVENT_TYPES = [
  'OrderRecorded', 'OrderReturned', 'OrderCancelled', 'ConversionAttributed', 'TouchRecorded', 'CodeIssued', 'CodeDeactivated',
  'InfluencerRegistered', 'CampaignCostRecorded', ...EARNING_FACT_EVENT_TYPES, ...FOREIGN_EARNING_EVENT_TYPES, ...FRAUD_EVENT_TYPES, ...DISPUTE_EVENT_TYPES,
];

type Row = Record<string, unknown>;

/**
 * The KPI facts (libs/kpis): one row per source fact — order, order line, return line, cancellation,
 * conversion, assisting influencer, touch, code, influencer tier, campaign cost, earning, fraud flag,
 * dispute — with its business time and dimensions. Replay-safe: facts are inserted once (ON CONFLICT
 * DO NOTHING) or overwritten with the same values; an earning row remembers the last $all position
 * folded into it. Per batch: one read of the earnings it names, then one statement writing every table
 * (jsonb_to_recordset per table), plus one for deactivations and flag reviews when the batch has any.
 */
export const kpiFactsProjection: Projection<KpiPartialDB> = {
  name: 'kpi',
  tables: KPI_TABLES,
  filter: { eventTypes: KPI_EVENT_TYPES },
  async apply(trx, events) {
    const rows = factRows(events);
    const earnings = await foldEarnings(trx, events.filter((e) => EARNING_TYPES.has(e.type)));
    // Every fact table in one statement; the few writes that must see those rows (a code deactivated in the
    // same batch it was issued in, a flag reviewed in the batch it was raised in) run after it.
    await writeAll(trx, [
      { table: 'kpi_order', columns: ORDER_COLUMNS, rows: rows.orders, conflict: 'on conflict (org, order_id) do nothing' },
      { table: 'kpi_order_line', columns: LINE_COLUMNS, rows: rows.lines, conflict: 'on conflict (org, order_id, line_id) do nothing' },
      { table: 'kpi_return_line', columns: RETURN_COLUMNS, rows: rows.returns, conflict: 'on conflict (org, order_id, return_id, line_id) do nothing' },
      { table: 'kpi_order_cancel', columns: CANCEL_COLUMNS, rows: rows.cancels, conflict: 'on conflict (org, order_id) do nothing' },
      { table: 'kpi_conversion', columns: CONVERSION_COLUMNS, rows: rows.conversions, conflict: 'on conflict (org, order_id) do nothing' },
      { table: 'kpi_assist', columns: ASSIST_COLUMNS, rows: rows.assists, conflict: 'on conflict (org, order_id, campaign_id, influencer_id) do nothing' },
      { table: 'kpi_touch', columns: TOUCH_COLUMNS, rows: rows.touches, conflict: 'on conflict (org, touch_id) do nothing' },
      { table: 'kpi_code', columns: CODE_COLUMNS, rows: rows.codes, conflict: 'on conflict (org, code) do update set campaign_id = excluded.campaign_id, influencer_id = excluded.influencer_id, channels = excluded.channels, valid_from = excluded.valid_from, valid_until = excluded.valid_until' },
      { table: 'kpi_influencer', columns: INFLUENCER_COLUMNS, rows: rows.influencers, conflict: 'on conflict (org, influencer_id) do update set tier = excluded.tier' },
      { table: 'kpi_campaign_cost', columns: COST_COLUMNS, rows: rows.costs, conflict: 'on conflict (org, campaign_id, cost_id) do nothing' },
      { table: 'kpi_earning', columns: EARNING_COLUMNS, rows: earnings, conflict: `on conflict (org, earning_id) do update set ${EARNING_UPDATES}
        where (excluded.last_commit_position, excluded.last_prepare_position) > (kpi_earning.last_commit_position, kpi_earning.last_prepare_position)` },
      { table: 'kpi_fraud_flag', columns: FLAG_COLUMNS, rows: rows.flagsRaised, conflict: 'on conflict (org, flag_id) do update set rule = excluded.rule, influencer_id = excluded.influencer_id, order_id = excluded.order_id, occurred_at = excluded.occurred_at' },
      { table: 'kpi_dispute', columns: DISPUTE_COLUMNS, rows: rows.disputes, conflict: 'on conflict (org, dispute_id) do nothing' },
    ]);
    if (rows.deactivations.length > 0) {
      await sql`update kpi_code k set deactivated_at = x.at from jsonb_to_recordset(${JSON.stringify(rows.deactivations)}::jsonb) as x(org text, code text, at timestamptz)
                where k.org = x.org and k.code = x.code`.execute(trx);
    }
    await writeRows(trx, 'kpi_fraud_flag', FLAG_COLUMNS, rows.flagsReviewed, 'on conflict (org, flag_id) do update set decision = excluded.decision, reviewed_at = excluded.reviewed_at');
  },
};

function factRows(events: readonly RecordedEvent[]) {
  const out = {
    orders: new Keyed(), lines: new Keyed(), returns: new Keyed(), cancels: new Keyed(), conversions: new Keyed(), assists: new Keyed(),
    touches: new Keyed(), codes: new Keyed(), deactivations: new Keyed(), influencers: new Keyed(), costs: new Keyed(),
    flagsRaised: new Keyed(), flagsReviewed: new Keyed(), disputes: new Keyed(),
  };
  for (const event of events) {
    const org = event.metadata.org;
    switch (event.type) {
      case 'OrderRecorded': {
        const d = event.data as unknown as OrderRecorded;
        let units = 0;
        let revenue = 0;
        for (const line of d.lines) {
          const base = line.quantity * line.unitPrice - (line.discount ?? 0);
          units += line.quantity;
          revenue += base;
          out.lines.first([org, d.orderId, line.lineId], { org, order_id: d.orderId, line_id: line.lineId, quantity: line.quantity, base_minor: base });
        }
        const codes = [...new Set(d.codes.map(normaliseCode).flatMap((c) => (c.ok ? [c.code] : [])))];
        out.orders.first([org, d.orderId], { org, order_id: d.orderId, channel: d.channel, currency: d.currency, customer_ref: d.customerRef, units, revenue_minor: revenue, codes, occurred_at: d.occurredAt });
        break;
      }
      case 'OrderReturned': {
        const d = event.data as unknown as OrderReturned;
        for (const line of d.lines) {
          out.returns.first([org, d.orderId, d.returnId, line.lineId], { org, order_id: d.orderId, return_id: d.returnId, line_id: line.lineId, quantity: line.quantity, occurred_at: d.occurredAt });
        }
        break;
      }
      case 'OrderCancelled': {
        const d = event.data as unknown as OrderCancelled;
        out.cancels.first([org, d.orderId], { org, order_id: d.orderId, occurred_at: d.occurredAt });
        break;
      }
      case 'ConversionAttributed': {
        const d = event.data as unknown as ConversionAttributed;
        const base = { org, order_id: d.orderId, channel: d.basis.channel, currency: d.commissionBase.currency, occurred_at: d.occurredAt };
        out.conversions.first([org, d.orderId], {
          ...base, campaign_id: d.campaignId, influencer_id: d.influencerId, basis_code: d.basis.code, basis_touch_id: d.basis.touchId,
          commission_base_minor: d.commissionBase.amount,
        });
        for (const assist of d.assisted) {
          out.assists.first([org, d.orderId, assist.campaignId, assist.influencerId], { ...base, campaign_id: assist.campaignId, influencer_id: assist.influencerId });
        }
        break;
      }
      case 'TouchRecorded': {
        const d = event.data as unknown as TouchRecorded;
        out.touches.first([org, d.touchId], {
          org, touch_id: d.touchId, campaign_id: d.campaignId, influencer_id: d.influencerId, channel: d.channel, touch_kind: d.touchKind, code: d.code, occurred_at: d.occurredAt,
        });
        break;
      }
      case 'CodeIssued': {
        const d = event.data as unknown as CodeIssued;
        out.codes.last([org, d.code], {
          org, code: d.code, campaign_id: d.campaignId, influencer_id: d.influencerId, channels: d.channels ?? null, valid_from: d.validFrom ?? d.issuedAt,
          valid_until: d.validUntil ?? null, deactivated_at: null,
        });
        break;
      }
      case 'CodeDeactivated': {
        const d = event.data as unknown as CodeDeactivated;
        out.deactivations.last([org, d.code], { org, code: d.code, at: d.at });
        break;
      }
      case 'InfluencerRegistered': {
        const d = event.data as unknown as InfluencerRegistered;
        out.influencers.last([org, d.influencerId], { org, influencer_id: d.influencerId, tier: d.tier ?? null });
        break;
      }
      case 'CampaignCostRecorded': {
        const d = event.data as unknown as CampaignCostRecorded;
        out.costs.first([org, d.campaignId, d.costId], {
          org, campaign_id: d.campaignId, cost_id: d.costId, channel: d.channel ?? null, amount_minor: d.amount.amount, currency: d.amount.currency, occurred_at: d.incurredAt,
        });
        break;
      }
      case 'FraudFlagRaised': {
        const d = event.data as unknown as DomainEvent<'FraudFlagRaised'>['data'];
        out.flagsRaised.last([org, d.flagId], { org, flag_id: d.flagId, rule: d.rule, influencer_id: d.influencerId, order_id: d.orderId ?? null, occurred_at: d.at, decision: null, reviewed_at: null });
        break;
      }
      case 'FraudFlagReviewed': {
        const d = event.data as unknown as DomainEvent<'FraudFlagReviewed'>['data'];
        out.flagsReviewed.last([org, d.flagId], { org, flag_id: d.flagId, rule: null, influencer_id: null, order_id: null, occurred_at: null, decision: d.decision, reviewed_at: d.at });
        break;
      }
      case 'DisputeOpened': {
        const d = event.data as unknown as DomainEvent<'DisputeOpened'>['data'];
        out.disputes.first([org, d.disputeId], { org, dispute_id: d.disputeId, subject_kind: d.subject.kind, subject_id: d.subject.id, occurred_at: d.at });
        break;
      }
      default:
        break;
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.rows()])) as { [K in keyof typeof out]: Row[] };
}

/** Rows by key within one batch: a statement may not upsert one row twice. */
class Keyed {
  private readonly map = new Map<string, Row>();
  first(key: string[], row: Row): void {
    const k = key.join('\u0000');
    if (!this.map.has(k)) this.map.set(k, row);
  }
  last(key: string[], row: Row): void {
    this.map.set(key.join('\u0000'), row);
  }
  rows(): Row[] {
    return [...this.map.values()];
  }
}

async function foldEarnings(trx: Transaction<KpiPartialDB>, events: RecordedEvent[]): Promise<Row[]> {
  if (events.length === 0) return [];
  const keyOf = (org: string, id: string) => `${org}\u0000${id.toLowerCase()}`;
  const idOf = (e: RecordedEvent) => String((e.data as { earningId?: unknown }).earningId);
  const wanted = new Map(events.map((e) => [keyOf(e.metadata.org, idOf(e)), { org: e.metadata.org, id: idOf(e) }]));
  const stored = await trx
    .selectFrom('kpi_earning')
    .selectAll()
    // Ids are stored lower-cased (uuids compare case-insensitively), so this is a primary-key lookup per id.
    .where(sql<boolean>`(org, earning_id) in (select * from unnest(${[...wanted.values()].map((k) => k.org)}::text[], ${[...wanted.values()].map((k) => k.id.toLowerCase())}::text[]))`)
    .limit(wanted.size)
    .execute();
  const facts = new Map<string, { org: string; fact: EarningFact; commit: bigint; prepare: bigint }>();
  for (const row of stored) facts.set(keyOf(row.org, row.earning_id), { org: row.org, fact: factOfRow(row), commit: BigInt(row.last_commit_position), prepare: BigInt(row.last_prepare_position) });
  const touched = new Set<string>();
  for (const event of events) {
    const key = keyOf(event.metadata.org, idOf(event));
    const current = facts.get(key);
    const { commit, prepare } = event.position;
    if (current && (commit < current.commit || (commit === current.commit && prepare <= current.prepare))) continue; // replayed
    const next = foldEarningFact(current?.fact, { type: event.type, data: event.data, occurredAt: event.metadata.occurredAt });
    if (next === null) continue;
    facts.set(key, { org: event.metadata.org, fact: next, commit, prepare });
    touched.add(key);
  }
  return [...touched].map((key) => {
    const { org, fact, commit, prepare } = facts.get(key)!;
    const b = factBuckets(fact);
    return {
      org, earning_id: fact.earningId.toLowerCase(), kind: fact.kind, influencer_id: fact.influencerId, campaign_id: fact.campaignId, order_id: fact.orderId, channel: fact.channel,
      level: fact.level, currency: fact.currency, state: fact.state, amount_minor: fact.amount, pending_minor: b.pending, held_minor: b.held, payable_minor: b.payable,
      paid_minor: b.paid, clawed_back_minor: b.clawedBack, exception: fact.exception, occurred_at: fact.occurredAt, approved_at: fact.approvedAt, paid_at: fact.paidAt,
      last_commit_position: commit.toString(), last_prepare_position: prepare.toString(),
    };
  });
}

function factOfRow(row: Selectable<KpiEarningTable>): EarningFact {
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  return {
    earningId: row.earning_id, kind: row.kind as EarningFact['kind'], influencerId: row.influencer_id, campaignId: row.campaign_id, orderId: row.order_id,
    channel: row.channel, level: row.level, currency: row.currency, state: row.state as EarningFact['state'], amount: Number(row.amount_minor),
    clawedBack: Number(row.clawed_back_minor), paid: Number(row.paid_minor), exception: row.exception, occurredAt: row.occurred_at.toISOString(),
    approvedAt: iso(row.approved_at), paidAt: iso(row.paid_at),
  };
}

const ORDER_COLUMNS: readonly Column[] = [['org', 'text'], ['order_id', 'text'], ['channel', 'text'], ['currency', 'text'], ['customer_ref', 'text'], ['units', 'bigint'], ['revenue_minor', 'bigint'], ['codes', 'text[]'], ['occurred_at', 'timestamptz']];
const LINE_COLUMNS: readonly Column[] = [['org', 'text'], ['order_id', 'text'], ['line_id', 'text'], ['quantity', 'bigint'], ['base_minor', 'bigint']];
const RETURN_COLUMNS: readonly Column[] = [['org', 'text'], ['order_id', 'text'], ['return_id', 'text'], ['line_id', 'text'], ['quantity', 'bigint'], ['occurred_at', 'timestamptz']];
const CANCEL_COLUMNS: readonly Column[] = [['org', 'text'], ['order_id', 'text'], ['occurred_at', 'timestamptz']];
const CONVERSION_COLUMNS: readonly Column[] = [['org', 'text'], ['order_id', 'text'], ['campaign_id', 'text'], ['influencer_id', 'text'], ['channel', 'text'], ['basis_code', 'text'], ['basis_touch_id', 'text'], ['commission_base_minor', 'bigint'], ['currency', 'text'], ['occurred_at', 'timestamptz']];
const ASSIST_COLUMNS: readonly Column[] = [['org', 'text'], ['order_id', 'text'], ['campaign_id', 'text'], ['influencer_id', 'text'], ['channel', 'text'], ['currency', 'text'], ['occurred_at', 'timestamptz']];
const TOUCH_COLUMNS: readonly Column[] = [['org', 'text'], ['touch_id', 'text'], ['campaign_id', 'text'], ['influencer_id', 'text'], ['channel', 'text'], ['touch_kind', 'text'], ['code', 'text'], ['occurred_at', 'timestamptz']];
const CODE_COLUMNS: readonly Column[] = [['org', 'text'], ['code', 'text'], ['campaign_id', 'text'], ['influencer_id', 'text'], ['channels', 'text[]'], ['valid_from', 'timestamptz'], ['valid_until', 'timestamptz'], ['deactivated_at', 'timestamptz']];
const INFLUENCER_COLUMNS: readonly Column[] = [['org', 'text'], ['influencer_id', 'text'], ['tier', 'text']];
const COST_COLUMNS: readonly Column[] = [['org', 'text'], ['campaign_id', 'text'], ['cost_id', 'text'], ['channel', 'text'], ['amount_minor', 'bigint'], ['currency', 'text'], ['occurred_at', 'timestamptz']];
const EARNING_COLUMNS: readonly Column[] = [
  ['org', 'text'], ['earning_id', 'text'], ['kind', 'text'], ['influencer_id', 'text'], ['campaign_id', 'text'], ['order_id', 'text'], ['channel', 'text'], ['level', 'integer'],
  ['currency', 'text'], ['state', 'text'], ['amount_minor', 'bigint'], ['pending_minor', 'bigint'], ['held_minor', 'bigint'], ['payable_minor', 'bigint'], ['paid_minor', 'bigint'],
  ['clawed_back_minor', 'bigint'], ['exception', 'boolean'], ['occurred_at', 'timestamptz'], ['approved_at', 'timestamptz'], ['paid_at', 'timestamptz'],
  ['last_commit_position', 'numeric(20,0)'], ['last_prepare_position', 'numeric(20,0)'],
];
const EARNING_UPDATES = EARNING_COLUMNS.filter(([c]) => c !== 'org' && c !== 'earning_id').map(([c]) => `${c} = excluded.${c}`).join(', ');
const FLAG_COLUMNS: readonly Column[] = [['org', 'text'], ['flag_id', 'text'], ['rule', 'text'], ['influencer_id', 'text'], ['order_id', 'text'], ['occurred_at', 'timestamptz'], ['decision', 'text'], ['reviewed_at', 'timestamptz']];
const DISPUTE_COLUMNS: readonly Column[] = [['org', 'text'], ['dispute_id', 'text'], ['subject_kind', 'text'], ['subject_id', 'text'], ['occurred_at', 'timestamptz']];
