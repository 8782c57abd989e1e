import type { Transaction } from 'kysely';
import type { FraudFlagRaised, FraudFlagReviewed } from '@ledger/contracts';
import type { RecordedEvent } from '@ledger/event-store';
import type { FraudFlagPartialDB } from './fraud-flag.table';

/**
 * fraud_flag from the flag streams: a row per raised flag, its review written over it. Replay-safe: the
 * insert does nothing on conflict, the review applies only to a row below the event's revision.
 */
export const fraudFlagProjection = {
  name: 'fraud_flag',
  tables: ['fraud_flag'],
  filter: { streamPrefixes: ['fraud-'], eventTypes: ['FraudFlagRaised', 'FraudFlagReviewed'] },
  async apply(trx: Transaction<FraudFlagPartialDB>, events: RecordedEvent[]): Promise<void> {
    for (const event of events) await applyEvent(trx, event);
  },
};

async function applyEvent(trx: Transaction<FraudFlagPartialDB>, event: RecordedEvent): Promise<void> {
  const org = event.metadata.org;
  const applied = { last_revision: event.revision.toString(), last_commit_position: event.position.commit.toString(), last_prepare_position: event.position.prepare.toString() };
  if (event.type === 'FraudFlagRaised') {
    const flag = event.data as unknown as FraudFlagRaised;
    await trx
      .insertInto('fraud_flag')
      .values({
        org,
        flag_id: flag.flagId,
        rule: flag.rule,
        influencer_id: flag.influencerId,
        order_id: flag.orderId ?? null,
        state: 'open',
        evidence: JSON.stringify(flag.evidence),
        earning_ids: JSON.stringify(flag.earningIds),
        raised_at: flag.at,
        raised_by: event.metadata.actorId,
        decision: null,
        reason_code: null,
        note: null,
        reviewed_at: null,
        reviewed_by: null,
        reviewed_role: null,
        ...applied,
      })
      .onConflict((oc) => oc.columns(['org', 'flag_id']).doNothing())
      .execute();
    return;
  }
  if (event.type === 'FraudFlagReviewed') {
    const review = event.data as unknown as FraudFlagReviewed;
    await trx
      .updateTable('fraud_flag')
      .set({
        state: review.decision === 'release' ? 'released' : 'reversed',
        decision: review.decision,
        reason_code: review.reasonCode,
        note: review.note ?? null,
        reviewed_at: review.at,
        reviewed_by: event.metadata.actorId,
        reviewed_role: event.metadata.role ?? null,
        ...applied,
      })
      .where('org', '=', org)
      .where('flag_id', '=', review.flagId)
      .where('last_revision', '<', event.revision.toString() as never)
      .execute();
  }
}
