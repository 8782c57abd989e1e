import { sql, type Transaction } from 'kysely';
import type { ConversionAttributed } from '@ledger/contracts';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/projections';
import { EARNING_LEDGER_EVENT_TYPES } from '../../domain/earning-ledger';
import { foldEarningEvent, type FoldedEarning, type TransitionRow } from './earning-fold';
import { foldedFromRow, rowOf } from './earning-row';
import type { LedgerPartialDB } from './earning-ledger.table';

const LEDGER_TYPES = new Set<string>(EARNING_LEDGER_EVENT_TYPES);

/**
 * ledger_earning (one row per earning, with buckets), ledger_earning_transition (one row per
 * ledger event: who, role, why, when) and ledger_conversion (the attribution evidence).
 * Replay-safe: an earning row remembers the last position folded into it and skips events at or
 * before it; transitions are keyed by event id and conversions by (org, order id), both
 * ON CONFLICT DO NOTHING. Three statements per batch at most, plus one read.
 */
export const earningLedgerProjection: Projection<LedgerPartialDB> = {
  name: 'ledger_earning',
  tables: ['ledger_earning', 'ledger_earning_transition', 'ledger_conversion'],
  filter: {
    streamPrefixes: ['influencer-', 'campaign-'],
    eventTypes: [...EARNING_LEDGER_EVENT_TYPES, 'ConversionAttributed'],
  },
  async apply(trx, events) {
    await applyConversions(trx, events.filter((e) => e.type === 'ConversionAttributed'));
    await applyLedgerEvents(trx, events.filter((e) => LEDGER_TYPES.has(e.type)));
  },
};

async function applyConversions(trx: Transaction<LedgerPartialDB>, events: RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
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
  await trx.insertInto('ledger_conversion').values(dedupe(rows, (r) => `${r.org}\u0000${r.order_id}`)).onConflict((oc) => oc.columns(['org', 'order_id']).doNothing()).execute();
}

async function applyLedgerEvents(trx: Transaction<LedgerPartialDB>, events: RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const ids = [...new Set(events.map(earningIdOf))];
  const stored = await trx.selectFrom('ledger_earning').selectAll().where('earning_id', 'in', ids).limit(ids.length).execute();
  const earnings = new Map<string, FoldedEarning>(stored.map((row) => [row.earning_id, foldedFromRow(row)]));
  const touched = new Set<string>();
  const transitions: TransitionRow[] = [];
  // $all keeps each influencer stream in revision order, so each earning's events arrive in order.
  for (const event of events) {
    const id = earningIdOf(event);
    const folded = foldEarningEvent(earnings.get(id), event);
    if (folded === null) continue; // at or before the row's last position: already applied
    earnings.set(id, folded.next);
    touched.add(id);
    transitions.push(folded.transition);
  }
  if (touched.size === 0) return;
  const rows = [...touched].map((id) => rowOf(earnings.get(id)!));
  await trx
    .insertInto('ledger_earning')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('earning_id')
        .doUpdateSet((eb) => Object.fromEntries(UPDATED_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])) as never)
        // Belt and braces: a row only moves forward in $all.
        .where(
          sql<boolean>`(excluded.last_commit_position, excluded.last_prepare_position) > (ledger_earning.last_commit_position, ledger_earning.last_prepare_position)`,
        ),
    )
    .execute();
  await trx.insertInto('ledger_earning_transition').values(transitions).onConflict((oc) => oc.column('event_id').doNothing()).execute();
}

const UPDATED_COLUMNS = [
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
] as const;

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
