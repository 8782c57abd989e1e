import { sql, type Insertable, type Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/projections';
import { applyLedgerFact, STATEMENT_FACT_EVENT_TYPES, type EarningBalance } from '../../../domain/statement/ledger-facts';
import { comparePositionText } from '../../../domain/statement/statement-calculation';
import { canonicalInstant } from '../../statement-streams';
import type { StatementEarningTable, StatementLineTable, StatementLinesPartialDB } from './statement-lines.table';

const ROWS_PER_INSERT = 1_000;

/**
 * statement_line: one row per ledger fact of an earning stream (keyed by the source event), with its line kind,
 * its effect on owed and payable, its business time and its record position; statement_earning: the fold of
 * each earning those effects need. Replay-safe: an earning remembers the last position folded into it and skips
 * events at or before it; lines are inserted ON CONFLICT DO NOTHING.
 */
export const statementLinesProjection: Projection<StatementLinesPartialDB> = {
  name: 'statement_lines',
  tables: ['statement_earning', 'statement_line'],
  filter: { streamPrefixes: ['earning-'], eventTypes: STATEMENT_FACT_EVENT_TYPES },
  async apply(trx, events) {
    const facts = events.filter((e) => STATEMENT_FACT_EVENT_TYPES.includes(e.type));
    if (facts.length === 0) return;
    const earnings = await loadEarnings(trx, facts);
    const touched = new Map<string, Insertable<StatementEarningTable>>();
    const lines: Insertable<StatementLineTable>[] = [];
    for (const event of facts) {
      const org = event.metadata.org;
      const key = keyOf(org, earningIdOf(event));
      const stored = earnings.get(key);
      const position = `${event.position.commit}-${event.position.prepare}`;
      if (stored && comparePositionText(position, stored.position) <= 0) continue; // replayed
      const applied = applyLedgerFact(stored?.balance, { type: event.type, data: event.data });
      if (applied === null) continue;
      const { after, fact } = applied;
      earnings.set(key, { balance: after, position });
      touched.set(key, earningRow(org, after, event));
      lines.push({
        org,
        event_id: event.id,
        earning_id: after.earningId,
        influencer_id: after.influencerId,
        currency: after.currency,
        kind: fact.kind,
        at: fact.at,
        at_iso: canonicalInstant(fact.at),
        recorded_at: event.recordedAt,
        commit_position: event.position.commit.toString(),
        prepare_position: event.position.prepare.toString(),
        amount_minor: fact.amount,
        owed_delta_minor: fact.owedDelta,
        payable_delta_minor: fact.payableDelta,
        order_id: after.orderId,
        source_ref: (event.data as { sourceRef?: string }).sourceRef ?? event.metadata.sourceRef ?? after.sourceRef,
        note: fact.note ?? null,
      });
    }
    for (let i = 0; i < lines.length; i += ROWS_PER_INSERT) {
      await trx.insertInto('statement_line').values(lines.slice(i, i + ROWS_PER_INSERT)).onConflict((oc) => oc.columns(['org', 'event_id']).doNothing()).execute();
    }
    const rows = [...touched.values()];
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto('statement_earning')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflict((oc) =>
          oc.columns(['org', 'earning_id']).doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            net_minor: eb.ref('excluded.net_minor'),
            paid_minor: eb.ref('excluded.paid_minor'),
            last_commit_position: eb.ref('excluded.last_commit_position'),
            last_prepare_position: eb.ref('excluded.last_prepare_position'),
          })),
        )
        .execute();
    }
  },
};

interface Stored {
  balance: EarningBalance;
  position: string;
}

async function loadEarnings(trx: Transaction<StatementLinesPartialDB>, events: RecordedEvent[]): Promise<Map<string, Stored>> {
  const wanted = new Map(events.map((e) => [keyOf(e.metadata.org, earningIdOf(e)), { org: e.metadata.org, id: earningIdOf(e) }]));
  const keys = [...wanted.values()];
  const rows = await trx
    .selectFrom('statement_earning')
    .selectAll()
    .where(sql<boolean>`(org, earning_id) in (select * from unnest(${keys.map((k) => k.org)}::text[], ${keys.map((k) => k.id)}::text[]))`)
    .limit(keys.length)
    .execute();
  return new Map(
    rows.map((r) => [
      keyOf(r.org, r.earning_id),
      {
        balance: {
          earningId: r.earning_id,
          influencerId: r.influencer_id,
          currency: r.currency,
          orderId: r.order_id,
          sourceRef: r.source_ref,
          state: r.state as EarningBalance['state'],
          net: Number(r.net_minor),
          paid: Number(r.paid_minor),
        },
        position: `${r.last_commit_position}-${r.last_prepare_position}`,
      },
    ]),
  );
}

function earningRow(org: string, b: EarningBalance, event: RecordedEvent): Insertable<StatementEarningTable> {
  return {
    org,
    earning_id: b.earningId,
    influencer_id: b.influencerId,
    currency: b.currency,
    order_id: b.orderId,
    source_ref: b.sourceRef,
    state: b.state,
    net_minor: b.net,
    paid_minor: b.paid,
    last_commit_position: event.position.commit.toString(),
    last_prepare_position: event.position.prepare.toString(),
  };
}

/** Earning ids are kept as the events spell them; the key is case-insensitive like a uuid. */
const keyOf = (org: string, earningId: string) => `${org}\u0000${earningId.toLowerCase()}`;

function earningIdOf(event: RecordedEvent): string {
  const id = (event.data as { earningId?: unknown }).earningId;
  if (typeof id !== 'string') throw new Error(`${event.type} ${event.id} has no earningId`);
  return id;
}
