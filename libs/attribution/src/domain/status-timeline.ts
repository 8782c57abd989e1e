// A status history is a list of changes in append order, each effective from its business time.
import { assert } from '@ledger/kernel';
import { epochMs } from './business-time';

export interface StatusChange<S extends string> {
  status: S;
  /** Business time from which the status holds (inclusive). */
  at: string;
}

/**
 * The status in force at `atMs`: the change with the latest time at or before it; equal times go to
 * the later entry (it was appended later). Before the first change the first entry's status holds,
 * because the first entry is the status the aggregate was born with (a campaign is created `draft`,
 * a profile is registered `active` or `applied`), and the moment it was recorded is not a business
 * boundary.
 */
export function statusAt<S extends string>(history: ReadonlyArray<StatusChange<S>>, atMs: number): S {
  assert(history.length > 0, 'a status history has at least its initial status');
  let inForce: StatusChange<S> | undefined;
  let inForceMs = Number.NEGATIVE_INFINITY;
  for (const change of history) {
    const changeMs = epochMs(change.at);
    if (changeMs <= atMs && changeMs >= inForceMs) {
      inForce = change;
      inForceMs = changeMs;
    }
  }
  return (inForce ?? history[0]!).status;
}
