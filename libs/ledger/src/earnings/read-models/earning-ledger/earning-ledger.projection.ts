import { sql, type Transaction } from 'kysely';
import type { ConversionAttributed } from '@ledger/contracts';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/projections';
import { EARNING_LEDGER_EVENT_TYPES } from '../../../domain/earning-ledger';
import { foldEarningEvent, type FoldedEarning, type TransitionRow } from './earning-fold';
import { foldedFromRow, rowOf } from './earning-row';
import type { LedgerConversionTable, LedgerEarningTable, LedgerEarningTransitionTable, LedgerPartialDB } from './earning-ledger.table';

const LEDGER_TYPES = new Set<string>(EARNING_LEDGER_EVENT_TYPES);

/**
 * ledger_earning (one row per earning, with buckets), ledger_earning_transition (one row per
 * ledger event: who, role, why, when) and ledger_conversion (the attribution evidence).
 * Replay-safe: an earning row remembers the last position folded into it and skips events at or
 * before it. Every key carries the org: earnings (org, earning id), transitions (org, event id) and
 * conversions (org, order id), the last two ON CONFLICT DO NOTHING. Per batch, whatever its size: one read of the earnings it names, the
 * fold in memory, then one statement writing all three tables.
 */
export const earningLedgerProjection: Projection<LedgerPartialDB> = {
  name: 'ledger_earning',
  tables: ['ledger_earning', 'ledger_earning_transition', 'ledger_conversion'],
  filter: {
    // Earning streams and conversion streams (ADR 0009): each bounded, and nothing else carries these types.
    streamPrefixes: ['earning-', 'conversion-'],
    eventTypes: [...EARNING_LEDGER_EVENT_TYPES, 'ConversionAttributed'],
  },
  async apply(trx, events) {
    const conversions = conversionRows(events.filter((e) => e.type === 'ConversionAttributed'));
    const { earnings, transitions } = await foldLedgerEvents(trx, events.filter((e) => LEDGER_TYPES.has(e.type)));
    await writeBatch(trx, conversions, earnings, transitions);
  },
};

function conversionRows(events: RecordedEvent[]) {
  const rows = events.map((event) => {
    const data = event.data as unknown as ConversionAttributed;
    return {
      org: event.metadata.org,
      order_id: data.orderId,
      event_id: event.id,
      campaign_id: data.campaignId,
      influencer_id: data.influencerId,
      rules_version: data.rulesVersion,
      basis: JSON.stringify(data.basis),
      assisted: JSON.stringify(data.assisted),
      commission_base_minor: data.commissionBase.amount,
      currency: data.commissionBase.currency,
      occurred_at: data.occurredAt,
      recorded_at: event.recordedAt,
    };
  });
  // One conversion per order (its event id is deterministic in the order): the first one stands.
  return dedupe(rows, (r) => `${r.org}\u0000${r.order_id}`);
}

async function foldLedgerEvents(trx: Transaction<LedgerPartialDB>, events: RecordedEvent[]): Promise<{ earnings: ReturnType<typeof rowOf>[]; transitions: TransitionRow[] }> {
  if (events.length === 0) return { earnings: [], transitions: [] };
  const keys = new Map(events.map((event) => [earningKeyOf(event), { org: event.metadata.org, id: earningIdOf(event) }]));
  const wanted = [...keys.values()];
  // Rows are keyed (org, earning_id): an earning is looked up with the org its event carries. Two array
  // parameters, not one parameter per key: the statement and its plan stay the same size.
  const stored = await trx
    .selectFrom('ledger_earning')
    .selectAll()
    .where(sql<boolean>`(org, earning_id) in (select * from unnest(${wanted.map((k) => k.org)}::text[], ${wanted.map((k) => k.id)}::uuid[]))`)
    .limit(wanted.length)
    .execute();
  const earnings = new Map<string, FoldedEarning>(stored.map((row) => [keyOf(row.org, row.earning_id), foldedFromRow(row)]));
  const touched = new Set<string>();
  const transitions: TransitionRow[] = [];
  // $all keeps each earning stream in revision order, so each earning's events arrive in order.
  for (const event of events) {
    const key = earningKeyOf(event);
    const folded = foldEarningEvent(earnings.get(key), event);
    if (folded === null) continue; // at or before the row's last position: already applied
    earnings.set(key, folded.next);
    touched.add(key);
    transitions.push(folded.transition);
  }
  return { earnings: [...touched].map((key) => rowOf(earnings.get(key)!)), transitions };
}

// The whole batch in ONE statement (data-modifying CTEs over jsonb_to_recordset, one parameter per
// table): no per-row parameters to bind, and one round trip while the batch transaction is open
// (every open transaction holds back the $all horizon of every reader).
async function writeBatch(
  trx: Transaction<LedgerPartialDB>,
  conversions: ReturnType<typeof conversionRows>,
  earnings: ReturnType<typeof rowOf>[],
  transitions: TransitionRow[],
): Promise<void> {
  if (conversions.length + earnings.length + transitions.length === 0) return;
  await sql`
    WITH written_conversions AS (
      INSERT INTO ledger_conversion (${columns(CONVERSION_COLUMNS)})
      SELECT ${selected(CONVERSION_COLUMNS)} FROM jsonb_to_recordset(${JSON.stringify(conversions)}::jsonb) AS x(${recordset(CONVERSION_COLUMNS)})
      ON CONFLICT (org, order_id) DO NOTHING
      RETURNING 1
    ), written_earnings AS (
      INSERT INTO ledger_earning (${columns(EARNING_COLUMNS)})
      SELECT ${selected(EARNING_COLUMNS)} FROM jsonb_to_recordset(${JSON.stringify(earnings)}::jsonb) AS x(${recordset(EARNING_COLUMNS)})
      ON CONFLICT (org, earning_id) DO UPDATE SET ${sql.raw(UPDATED_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', '))}
      -- Belt and braces: a row only moves forward in $all.
      WHERE (excluded.last_commit_position, excluded.last_prepare_position) > (ledger_earning.last_commit_position, ledger_earning.last_prepare_position)
      RETURNING 1
    ), written_transitions AS (
      INSERT INTO ledger_earning_transition (${columns(TRANSITION_COLUMNS)})
      SELECT ${selected(TRANSITION_COLUMNS)} FROM jsonb_to_recordset(${JSON.stringify(transitions)}::jsonb) AS x(${recordset(TRANSITION_COLUMNS)})
      ON CONFLICT (org, event_id) DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM written_conversions) AS conversions, (SELECT count(*) FROM written_earnings) AS earnings,
           (SELECT count(*) FROM written_transitions) AS transitions`.execute(trx);
}

/** [column, SQL type]. jsonb columns arrive as JSON text (what the row builders make) and are parsed in the SELECT. */
type Column = readonly [string, string];

/**
 * A table's column list for the batch statement, checked against its row type: a column added to
 * the table type and not here (or misspelt here) does not compile, so the statement cannot drop it.
 */
const columnsOf =
  <Row>() =>
  <const List extends readonly (readonly [keyof Row & string, string])[]>(
    list: List & (Exclude<keyof Row, List[number][0]> extends never ? unknown : { missingColumns: Exclude<keyof Row, List[number][0]> }),
  ): readonly Column[] =>
    list;

const columns = (list: readonly Column[]) => sql.raw(list.map(([c]) => c).join(', '));
const recordset = (list: readonly Column[]) => sql.raw(list.map(([c, t]) => `${c} ${t === 'jsonb' ? 'text' : t}`).join(', '));
const selected = (list: readonly Column[]) => sql.raw(list.map(([c, t]) => (t === 'jsonb' ? `${c}::jsonb` : c)).join(', '));

const CONVERSION_COLUMNS = columnsOf<LedgerConversionTable>()([
  ['org', 'text'], ['order_id', 'text'], ['event_id', 'uuid'], ['campaign_id', 'text'], ['influencer_id', 'text'], ['rules_version', 'integer'],
  ['basis', 'jsonb'], ['assisted', 'jsonb'], ['commission_base_minor', 'bigint'], ['currency', 'text'], ['occurred_at', 'timestamptz'],
  ['recorded_at', 'timestamptz'],
]);
const EARNING_COLUMNS = columnsOf<LedgerEarningTable>()([
  ['earning_id', 'uuid'], ['org', 'text'], ['influencer_id', 'text'], ['campaign_id', 'text'], ['order_id', 'text'], ['channel', 'text'],
  ['level', 'integer'], ['currency', 'text'], ['state', 'text'], ['amount_minor', 'bigint'], ['pending_minor', 'bigint'], ['held_minor', 'bigint'],
  ['payable_minor', 'bigint'], ['paid_minor', 'bigint'], ['clawed_back_minor', 'bigint'], ['hold_kind', 'text'], ['hold_reason_code', 'text'],
  ['hold_until', 'timestamptz'], ['rules_version', 'integer'], ['calculation', 'jsonb'], ['source_ref', 'text'], ['refs', 'jsonb'],
  ['occurred_at', 'timestamptz'], ['last_commit_position', 'numeric(20,0)'], ['last_prepare_position', 'numeric(20,0)'],
  ['kind', 'text'], ['adjustments_minor', 'bigint'],
  ['payout_batch_id', 'text'], ['payout_item_id', 'text'], ['finalized_minor', 'bigint'],
]);
const TRANSITION_COLUMNS = columnsOf<LedgerEarningTransitionTable>()([
  ['event_id', 'uuid'], ['org', 'text'], ['earning_id', 'uuid'], ['influencer_id', 'text'], ['type', 'text'], ['from_state', 'text'],
  ['to_state', 'text'], ['amount_minor', 'bigint'], ['currency', 'text'], ['hold_kind', 'text'], ['actor_id', 'text'], ['role', 'text'],
  ['reason_code', 'text'], ['note', 'text'], ['source_ref', 'text'], ['reference', 'jsonb'], ['cost_centre', 'text'], ['correlation_id', 'text'],
  ['causation_id', 'text'], ['at', 'timestamptz'], ['recorded_at', 'timestamptz'], ['commit_position', 'numeric(20,0)'],
  ['prepare_position', 'numeric(20,0)'],
]);

// What a later event of an earning may change (the rest is fixed at accrual).
const UPDATED_COLUMNS: readonly (keyof LedgerEarningTable)[] = [
  'state',
  'clawed_back_minor',
  'paid_minor',
  'pending_minor',
  'held_minor',
  'payable_minor',
  'hold_kind',
  'hold_reason_code',
  'hold_until',
  'refs',
  'last_commit_position',
  'last_prepare_position',
  // Adjustments change the amount (and, recalculated with today's terms, the rules version).
  'amount_minor',
  'adjustments_minor',
  'rules_version',
  'payout_batch_id',
  'payout_item_id',
  'finalized_minor',
];

/** Uuids compare case-insensitively in PostgreSQL; the map key must too. */
const keyOf = (org: string, earningId: string) => `${org}\u0000${earningId.toLowerCase()}`;

function earningKeyOf(event: RecordedEvent): string {
  return keyOf(event.metadata.org, earningIdOf(event));
}

function earningIdOf(event: RecordedEvent): string {
  const id = (event.data as { earningId?: unknown }).earningId;
  if (typeof id !== 'string') throw new Error(`${event.type} ${event.id} has no earningId`);
  return id;
}

function dedupe<T>(rows: T[], key: (row: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const row of rows) if (!seen.has(key(row))) seen.set(key(row), row);
  return [...seen.values()];
}
