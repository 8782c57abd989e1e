import type { PolicySet } from '@ledger/contracts';
import type { EventStore } from '@ledger/event-store';
import { policyStream } from '../shared/governance-streams';

/** The org's policy: the policy stream's last event carries all of it, so one event is read, never the stream. */
export async function currentPolicy(store: EventStore, org: string): Promise<PolicySet | null> {
  const [last] = await store.readStream(policyStream(org), { direction: 'backwards', maxCount: 1 });
  return last ? (last.data as unknown as PolicySet) : null;
}
