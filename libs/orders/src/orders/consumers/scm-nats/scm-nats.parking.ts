// The SCM consumer's side of ADR 0010: a message that fails for something other than a transient
// error is recorded in parked_event (with where its payload is: the JetStream stream and sequence,
// and the dead-letter subject) and acknowledged, instead of being redelivered until it gives up.
// An operator's retry re-reads it from the stream by sequence and runs it through the intake again.
import type { Kysely } from 'kysely';
import type { JetStreamManager, JsMsg } from 'nats';
import { streamName } from '@ledger/event-store';
import { byStream, errorOf, isTransientError, markFailedAgain, markResolved, openCounts, park, rowsToRetry, type ParkEntry } from '@ledger/projections';
import type { IntakeItem, ScmIntake } from '../../scm-intake';
import { readScmMessage } from './scm-nats.messages';

export interface NatsParking {
  db: Kysely<any>;
  /** The consumer name rows carry: `scm_nats:<durable>`. */
  consumer: string;
}

export function natsConsumerName(durable: string): string {
  return `scm_nats:${durable}`;
}

/** Records a message that cannot be processed. Its id is its place in the JetStream stream, so a redelivery updates the same row. */
export async function parkMessage(parking: NatsParking, message: JsMsg, item: IntakeItem | null, error: unknown, dlqSubject: string): Promise<void> {
  const orderId = item ? (item.fact.data as { orderId?: string }).orderId : undefined;
  const entry: ParkEntry = {
    consumer: parking.consumer,
    org: item?.org ?? '',
    // The order stream the fact was for (its later facts need not wait: order facts reconcile in any order).
    stream: item && orderId ? streamName('order', item.org, orderId) : `nats:${message.info.stream}`,
    revision: null,
    position: null,
    eventId: `nats:${message.info.stream}:${message.seq}`,
    eventType: item?.fact.type ?? 'unknown',
    kind: 'failed',
    ...errorOf(error),
    source: { natsStream: message.info.stream, subject: message.subject, sequence: message.seq, dlqSubject, deliveries: message.info.redeliveryCount },
  };
  await park(parking.db, [entry]);
}

/**
 * The rows an operator asked to retry, each re-read from the JetStream stream by its sequence and
 * ingested again: recorded (or a duplicate) resolves the row; a refusal or a failure parks it again
 * with attempts + 1. Transient errors escape (the consumer's loop backs off and comes back).
 */
export async function retryParkedMessages(parking: NatsParking, jsm: JetStreamManager, intake: ScmIntake): Promise<void> {
  const counts = (await openCounts(parking.db, [parking.consumer])).get(parking.consumer);
  if (!counts || counts.retries === 0) return;
  const rows = [...byStream(await rowsToRetry(parking.db, parking.consumer)).values()].flat().filter((r) => r.status === 'retry_requested');
  for (const row of rows) {
    const source = row.source as { natsStream?: string; sequence?: number } | null;
    let failure: unknown = null;
    try {
      if (!source?.natsStream || !source.sequence) throw new Error('no JetStream stream and sequence recorded for this row');
      const stored = await jsm.streams.getMessage(source.natsStream, { seq: source.sequence });
      const read = readScmMessage({ data: stored.data, header: (name) => stored.header?.get(name) || undefined, stream: source.natsStream, streamSequence: source.sequence, consumer: parking.consumer });
      if (!read.ok) throw Object.assign(new Error(read.detail), { code: read.code });
      const [result] = (await intake.ingest([read.item])).results;
      if (result!.status === 'rejected') failure = result!.error;
    } catch (error) {
      if (isTransientError(error)) throw error;
      failure = error;
    }
    if (failure === null) await markResolved(parking.db, [row.id]);
    else await markFailedAgain(parking.db, row.id, failure);
  }
}
