import { formatPosition, type Position } from '@ledger/event-store';

/**
 * Every command answer carries `position`: the event-store position of its last event, to send
 * back as X-Consistency-Position on the next query. `null` when the command appended nothing
 * to an empty store.
 *
 *   return withPosition({ id, status: 'draft' }, outcome.position);
 */
export function withPosition<T extends object>(answer: T, position: Position | null): T & { position: string | null } {
  return { ...answer, position: position ? formatPosition(position) : null };
}
