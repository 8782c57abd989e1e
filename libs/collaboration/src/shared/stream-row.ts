import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import { assert } from '@ledger/kernel';
import { appliedEvent } from './columns';

/**
 * Applies an event to the row of its stream's subject (a campaign, an influencer, a code) only when
 * the row has not seen that revision yet, so a replayed or duplicated event changes nothing. When
 * nothing was updated the row must already be past the revision (pair assertion: a row missing
 * here means its creating event was never applied — a bug, not a 4xx).
 */
export async function updateStreamRow(
  trx: Transaction<any>,
  table: string,
  key: Record<string, string>,
  recorded: RecordedEvent,
  changes: Record<string, unknown>,
): Promise<void> {
  let update = trx.updateTable(table).set({ ...changes, ...appliedEvent(recorded) });
  for (const [column, value] of Object.entries(key)) update = update.where(column, '=', value);
  const result = await update.where('last_revision', '<', recorded.revision.toString()).executeTakeFirst();
  if (result.numUpdatedRows > 0n) return;

  let select = trx.selectFrom(table).select('last_revision');
  for (const [column, value] of Object.entries(key)) select = select.where(column, '=', value);
  const row = (await select.limit(1).executeTakeFirst()) as { last_revision: string } | undefined;
  assert(row !== undefined, `${table}: ${recorded.type} (revision ${recorded.revision} of ${recorded.stream}) has no row to update`);
  assert(BigInt(row.last_revision) >= recorded.revision, `${table}: row of ${recorded.stream} not updated by revision ${recorded.revision}`);
}
