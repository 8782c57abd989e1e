import type { StatementIssued } from '@ledger/contracts';
import { parsePosition } from '@ledger/event-store';
import type { Projection } from '@ledger/projections';
import { statementText } from '../../statement.view';
import type { StatementStatementPartialDB } from './statement.table';

/**
 * statement_statement: one row per StatementIssued, its answer text written from the event alone (statementText),
 * so rebuilding from events gives the same bytes. An issued statement never changes: ON CONFLICT DO NOTHING.
 */
export const statementProjection: Projection<StatementStatementPartialDB> = {
  name: 'statement_statement',
  tables: ['statement_statement'],
  filter: { streamPrefixes: ['statement-'], eventTypes: ['StatementIssued'] },
  async apply(trx, events) {
    const rows = events
      .filter((e) => e.type === 'StatementIssued')
      .map((event) => {
        const s = event.data as unknown as StatementIssued;
        const cutoff = s.cutoff === null ? null : parsePosition(s.cutoff);
        return {
          org: event.metadata.org,
          statement_id: s.statementId,
          number: s.number,
          seq: s.seq,
          influencer_id: s.influencerId,
          currency: s.currency,
          period_start: s.periodStart,
          period_end: s.periodEnd,
          issued_at: s.issuedAt,
          cutoff_commit_position: cutoff ? cutoff.commit.toString() : null,
          cutoff_prepare_position: cutoff ? cutoff.prepare.toString() : null,
          body: statementText(s),
        };
      });
    if (rows.length === 0) return;
    await trx.insertInto('statement_statement').values(rows).onConflict((oc) => oc.columns(['org', 'statement_id']).doNothing()).execute();
  },
};
