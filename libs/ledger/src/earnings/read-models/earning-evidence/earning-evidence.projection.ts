import { sql, type Transaction } from 'kysely';
import type { ConversionAttributed, OrderRecorded } from '@ledger/contracts';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/projections';
import { comparePositionText } from '../earning-ledger/positions';
import type { LedgerEvidenceDB } from './earning-evidence.table';
import { applyEarningFact, earningRowFrom, EARNING_STREAM_TYPES, emptyEarningRow, type EvidenceEarningRow } from './evidence-earning-fold';
import { type FraudCheckCompletedData, type PayoutBatchApprovedData, type PayoutItemPostedData } from './foreign-events';

/**
 * ledger_earning_evidence + ledger_evidence_order + ledger_evidence_batch: the proof behind each earning
 * (docs/evidence.md). Each event writes only the row keyed like its own stream (earning, order, batch), and
 * earning/get joins them, so no part waits for another to arrive first: $all orders one stream, not streams
 * against each other. Replay-safe: earning-stream facts only move a row forward past its last position;
 * an order's conversion and attribution and a batch's approval are first-stands; a fraud check is the
 * latest by position; a posted item is keyed by the earning and overwritten with the same fact.
 * Per batch: one read of the earnings it names, the fold in memory, one statement per table.
 */
export const earningEvidenceProjection: Projection<LedgerEvidenceDB> = {
  name: 'ledger_earning_evidence',
  tables: ['ledger_earning_evidence', 'ledger_evidence_order', 'ledger_evidence_batch'],
  filter: {
    streamPrefixes: ['earning-', 'conversion-', 'order-', 'fraudcheck-', 'payout-'],
    eventTypes: [...EARNING_STREAM_TYPES, 'ConversionAttributed', 'OrderRecorded', 'PayoutItemPosted', 'FraudCheckCompleted', 'PayoutBatchApproved'],
  },
  async apply(trx, events) {
    await writeEarnings(trx, await foldEarnings(trx, events));
    await writeOrders(trx, orderFacts(events));
    await writeBatches(trx, batchApprovals(events));
  },
};

const EARNING_TYPES: ReadonlySet<string> = new Set(EARNING_STREAM_TYPES);
const key = (org: string, id: string) => `${org}\u0000${id}`;

async function foldEarnings(trx: Transaction<LedgerEvidenceDB>, events: RecordedEvent[]): Promise<EvidenceEarningRow[]> {
  const relevant = events.filter((e) => EARNING_TYPES.has(e.type) || e.type === 'PayoutItemPosted');
  if (relevant.length === 0) return [];
  const idsOf = (e: RecordedEvent): string[] =>
    e.type === 'PayoutItemPosted' ? (e.data as unknown as PayoutItemPostedData).earningIds : [(e.data as { earningId: string }).earningId];
  const wanted = new Map<string, { org: string; id: string }>();
  for (const e of relevant) for (const id of idsOf(e)) wanted.set(key(e.metadata.org, id), { org: e.metadata.org, id });
  const keys = [...wanted.values()];
  const stored = await trx
    .selectFrom('ledger_earning_evidence')
    .selectAll()
    .where(sql<boolean>`(org, earning_id) in (select * from unnest(${keys.map((k) => k.org)}::text[], ${keys.map((k) => k.id)}::text[]))`)
    .limit(keys.length)
    .execute();
  const rows = new Map(stored.map((r) => [key(r.org, r.earning_id), earningRowFrom(r)]));
  const touched = new Set<string>();
  for (const event of relevant) {
    for (const id of idsOf(event)) {
      const k = key(event.metadata.org, id);
      const next = applyEarningFact(rows.get(k) ?? emptyEarningRow(event.metadata.org, id), event);
      if (next === null) continue; // at or before the row's last earning-stream position: already applied
      rows.set(k, next);
      touched.add(k);
    }
  }
  return [...touched].map((k) => rows.get(k)!);
}

const EARNING_COLUMNS: ReadonlyArray<readonly [keyof EvidenceEarningRow & string, string]> = [
  ['org', 'text'], ['earning_id', 'text'], ['order_id', 'text'], ['influencer_id', 'text'], ['campaign_id', 'text'], ['rules_version', 'integer'],
  ['accrued', 'jsonb'], ['calculation', 'jsonb'], ['adjustments', 'jsonb'], ['batch_id', 'text'], ['item_id', 'text'], ['paid', 'jsonb'],
  ['paid_at', 'timestamptz'], ['posted', 'jsonb'], ['last_commit_position', 'numeric(20,0)'], ['last_prepare_position', 'numeric(20,0)'],
];

async function writeEarnings(trx: Transaction<LedgerEvidenceDB>, rows: EvidenceEarningRow[]): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.raw(EARNING_COLUMNS.map(([c]) => c).join(', '));
  // The rows were read and folded in this transaction (the runner holds the projection's lock): they replace the stored ones.
  await sql`
    INSERT INTO ledger_earning_evidence (${names})
    SELECT ${names} FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(${sql.raw(EARNING_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', '))})
    ON CONFLICT (org, earning_id) DO UPDATE SET ${sql.raw(EARNING_COLUMNS.slice(2).map(([c]) => `${c} = excluded.${c}`).join(', '))}`.execute(trx);
}

interface OrderFacts {
  org: string;
  order_id: string;
  conversion: unknown;
  attribution: unknown;
  fraud_check: unknown;
  fraud_commit_position: string | null;
  fraud_prepare_position: string | null;
}

function orderFacts(events: RecordedEvent[]): OrderFacts[] {
  const orders = new Map<string, OrderFacts>();
  const of = (org: string, orderId: string): OrderFacts => {
    const k = key(org, orderId);
    let row = orders.get(k);
    if (!row) orders.set(k, (row = { org, order_id: orderId, conversion: null, attribution: null, fraud_check: null, fraud_commit_position: null, fraud_prepare_position: null }));
    return row;
  };
  for (const event of events) {
    const org = event.metadata.org;
    if (event.type === 'OrderRecorded') {
      const d = event.data as unknown as OrderRecorded;
      const row = of(org, d.orderId);
      row.conversion ??= { orderId: d.orderId, sourceRef: d.sourceRef, occurredAt: d.occurredAt, channel: d.channel, customerRef: d.customerRef, eventId: event.id };
    } else if (event.type === 'ConversionAttributed') {
      const d = event.data as unknown as ConversionAttributed;
      const row = of(org, d.orderId);
      row.attribution ??= {
        eventId: event.id, campaignId: d.campaignId, influencerId: d.influencerId, rulesVersion: d.rulesVersion, ...d.basis, assisted: d.assisted, commissionBase: d.commissionBase,
      };
    } else if (event.type === 'FraudCheckCompleted') {
      const d = event.data as unknown as FraudCheckCompletedData;
      const row = of(org, d.orderId);
      const [commit, prepare] = [event.position.commit.toString(), event.position.prepare.toString()];
      if (row.fraud_commit_position !== null && comparePositionText(commit, prepare, row.fraud_commit_position, row.fraud_prepare_position!) <= 0) continue;
      row.fraud_check = { eventId: event.id, influencerId: d.influencerId, rulesRun: d.rulesRun, result: d.result, flagIds: d.flagIds, at: d.at };
      row.fraud_commit_position = commit;
      row.fraud_prepare_position = prepare;
    }
  }
  return [...orders.values()];
}

async function writeOrders(trx: Transaction<LedgerEvidenceDB>, rows: OrderFacts[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO ledger_evidence_order AS t (org, order_id, conversion, attribution, fraud_check, fraud_commit_position, fraud_prepare_position)
    SELECT org, order_id, conversion, attribution, fraud_check, fraud_commit_position, fraud_prepare_position
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS x(org text, order_id text, conversion jsonb, attribution jsonb, fraud_check jsonb, fraud_commit_position numeric(20,0), fraud_prepare_position numeric(20,0))
    ON CONFLICT (org, order_id) DO UPDATE SET
      conversion = coalesce(t.conversion, excluded.conversion),
      attribution = coalesce(t.attribution, excluded.attribution),
      fraud_check = CASE WHEN ${NEWER_CHECK} THEN excluded.fraud_check ELSE t.fraud_check END,
      fraud_commit_position = CASE WHEN ${NEWER_CHECK} THEN excluded.fraud_commit_position ELSE t.fraud_commit_position END,
      fraud_prepare_position = CASE WHEN ${NEWER_CHECK} THEN excluded.fraud_prepare_position ELSE t.fraud_prepare_position END`.execute(trx);
}

// The latest check stands (a re-run after new rules); an older one replayed changes nothing.
const NEWER_CHECK = sql.raw(`(excluded.fraud_commit_position IS NOT NULL AND (t.fraud_commit_position IS NULL
  OR (t.fraud_commit_position, t.fraud_prepare_position) < (excluded.fraud_commit_position, excluded.fraud_prepare_position)))`);

function batchApprovals(events: RecordedEvent[]): Array<{ org: string; batch_id: string; approval: unknown }> {
  const batches = new Map<string, { org: string; batch_id: string; approval: unknown }>();
  for (const event of events) {
    if (event.type !== 'PayoutBatchApproved') continue;
    const d = event.data as unknown as PayoutBatchApprovedData;
    const k = key(event.metadata.org, d.batchId);
    if (!batches.has(k)) batches.set(k, { org: event.metadata.org, batch_id: d.batchId, approval: { batchId: d.batchId, approvedBy: d.approvedBy, role: d.role, at: d.at, eventId: event.id } });
  }
  return [...batches.values()];
}

async function writeBatches(trx: Transaction<LedgerEvidenceDB>, rows: Array<{ org: string; batch_id: string; approval: unknown }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO ledger_evidence_batch (org, batch_id, approval)
    SELECT org, batch_id, approval FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(org text, batch_id text, approval jsonb)
    ON CONFLICT (org, batch_id) DO NOTHING`.execute(trx);
}
