import { sql, type Selectable, type Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/projections';
import { DISPUTE_EVENT_TYPES, type DisputeEvent } from '../../../domain/dispute';
import type { DisputeCaseTable, DisputeHistoryEntry, DisputesPartialDB } from './dispute-case.table';

type Row = Selectable<DisputeCaseTable>;

/**
 * dispute_case from the dispute streams: the row a dispute's events fold into, with its history.
 * Replay-safe: the row remembers the last position folded and skips events at or before it.
 * A batch reads the rows it touches once, folds in memory, and upserts each row once.
 */
export const disputeCaseProjection: Projection<DisputesPartialDB> = {
  name: 'dispute_case',
  tables: ['dispute_case'],
  filter: { streamPrefixes: ['dispute-'], eventTypes: [...DISPUTE_EVENT_TYPES] },
  async apply(trx, events) {
    const relevant = events.filter((e) => (DISPUTE_EVENT_TYPES as readonly string[]).includes(e.type));
    if (relevant.length === 0) return;
    const keys = [...new Map(relevant.map((e) => [keyOf(e.metadata.org, disputeIdOf(e)), { org: e.metadata.org, id: disputeIdOf(e) }])).values()];
    const stored = await trx
      .selectFrom('dispute_case')
      .selectAll()
      .where(sql<boolean>`(org, dispute_id) in (select * from unnest(${keys.map((k) => k.org)}::text[], ${keys.map((k) => k.id)}::text[]))`)
      .limit(keys.length)
      .execute();
    const rows = new Map<string, Row>(stored.map((r) => [keyOf(r.org, r.dispute_id), r]));
    const touched = new Set<string>();
    for (const event of relevant) {
      const key = keyOf(event.metadata.org, disputeIdOf(event));
      const next = fold(rows.get(key), event);
      if (next === null) continue;
      rows.set(key, next);
      touched.add(key);
    }
    for (const key of touched) await upsert(trx, rows.get(key)!);
  },
};

function fold(current: Row | undefined, recorded: RecordedEvent): Row | null {
  const commit = recorded.position.commit.toString();
  const prepare = recorded.position.prepare.toString();
  if (current && (BigInt(commit) < BigInt(current.last_commit_position) || (BigInt(commit) === BigInt(current.last_commit_position) && BigInt(prepare) <= BigInt(current.last_prepare_position)))) return null;
  const event = { type: recorded.type, data: recorded.data } as unknown as DisputeEvent;
  const entry = (by: string, extra: Partial<DisputeHistoryEntry> = {}): DisputeHistoryEntry => ({
    type: event.type, by, ...(recorded.metadata.role ? { role: recorded.metadata.role } : {}), at: (event.data as { at: string }).at, ...extra,
  });
  const position = { last_commit_position: commit, last_prepare_position: prepare };
  if (event.type === 'DisputeOpened') {
    if (current) return null;
    const d = event.data;
    return {
      org: recorded.metadata.org, dispute_id: d.disputeId, state: 'open', subject_kind: d.subject.kind, subject_id: d.subject.id, influencer_id: d.influencerId,
      earning_id: d.earningId ?? null, reason_code: d.reasonCode, description: d.description, evidence: d.evidence, respond_by: d.respondBy ? new Date(d.respondBy) : null,
      opened_by: d.openedBy, held: d.held, resolution: null, history: [entry(d.openedBy, { reasonCode: d.reasonCode })],
      opened_at: new Date(d.at), updated_at: new Date(d.at), ...position,
    };
  }
  if (!current) throw new Error(`${event.type} ${recorded.id} for dispute ${disputeIdOf(recorded)} before it was opened`);
  const base = { ...current, ...position, updated_at: new Date(event.data.at) };
  switch (event.type) {
    case 'DisputeReviewStarted':
      return { ...base, state: 'under_review', history: [...current.history, entry(event.data.by, noteOf(event.data.note))] };
    case 'DisputeResolved':
      return { ...base, state: 'resolved', resolution: { ...event.data.resolution, note: event.data.note, modificationIds: event.data.modificationIds }, history: [...current.history, entry(event.data.by, { note: event.data.note })] };
    case 'DisputeRejected':
      return { ...base, state: 'rejected', history: [...current.history, entry(event.data.by, { reasonCode: event.data.reasonCode, ...noteOf(event.data.note) })] };
    case 'DisputeWithdrawn':
      return { ...base, state: 'withdrawn', history: [...current.history, entry(event.data.by, { ...(event.data.reasonCode ? { reasonCode: event.data.reasonCode } : {}), ...noteOf(event.data.note) })] };
  }
}

async function upsert(trx: Transaction<DisputesPartialDB>, row: Row): Promise<void> {
  const values = {
    ...row,
    evidence: JSON.stringify(row.evidence),
    history: JSON.stringify(row.history),
    resolution: row.resolution === null ? null : JSON.stringify(row.resolution),
    respond_by: row.respond_by === null ? null : new Date(row.respond_by).toISOString(),
    opened_at: new Date(row.opened_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
  await trx
    .insertInto('dispute_case')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['org', 'dispute_id']).doUpdateSet({
        state: values.state, resolution: values.resolution, history: values.history, updated_at: values.updated_at,
        last_commit_position: values.last_commit_position, last_prepare_position: values.last_prepare_position,
      }),
    )
    .execute();
}

const noteOf = (note: string | undefined) => (note === undefined ? {} : { note });
const keyOf = (org: string, id: string) => `${org}\u0000${id}`;
const disputeIdOf = (event: RecordedEvent) => String((event.data as { disputeId?: unknown }).disputeId);
