// Creates the inbox item an event calls for, through the collaboration context's decider, on a
// stream whose id is deterministic in the cause: processing an event again appends nothing.
import { inboxItemDecider, inboxStream } from '@ledger/collaboration';
import { executeOnStream, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { deterministicId } from '@ledger/kernel';
import { inboxItemSpecOf } from './inbox-item-rules';

/** The actor recorded on automatic items. */
export const INBOX_ITEMS_ACTOR = 'system:inbox-items';

export class InboxItemsProcessor {
  constructor(private readonly store: EventStore) {}

  /** Whether an item was created (false: the event calls for none, or it exists already). */
  async process(cause: RecordedEvent): Promise<boolean> {
    const spec = inboxItemSpecOf(cause.type, cause.data);
    if (spec === null) return false;
    const org = cause.metadata.org;
    const inboxItemId = deterministicId(org, 'inbox-item', cause.id);
    const occurredAt = typeof cause.metadata.occurredAt === 'string' ? cause.metadata.occurredAt : cause.recordedAt;
    const command = {
      type: 'CreateInboxItem' as const,
      data: { inboxItemId, ...spec, cause: { eventId: cause.id, type: cause.type, stream: cause.stream }, createdBy: INBOX_ITEMS_ACTOR, now: occurredAt },
    };
    const outcome = await executeOnStream(this.store, inboxStream(org, inboxItemId), inboxItemDecider, command, {
      eventId: () => deterministicId(org, 'inbox-item-created', cause.id),
      metadata: () => ({ org, actorId: INBOX_ITEMS_ACTOR, correlationId: cause.metadata.correlationId ?? cause.id, causationId: cause.id, schemaVersion: 1, occurredAt }),
    });
    return outcome.events.length > 0;
  }
}
