// Refusals of the inbox item decider, each with a stable code.
import { Conflict, NotFound } from '@ledger/kernel';

/** Also for an item addressed to none of the caller's roles: it is not in their inbox. */
export class InboxItemNotFound extends NotFound {
  constructor(inboxItemId: string) {
    super('INBOX.ITEM_NOT_FOUND', `Inbox item ${inboxItemId} is not in your inbox.`);
  }
}

/** An inbox stream is bounded (ADR 0009). */
export class InboxItemLimitReached extends Conflict {
  constructor(inboxItemId: string, limit: number) {
    super('INBOX.LIMIT_REACHED', `Inbox item ${inboxItemId} has reached the limit of ${limit} changes.`);
  }
}
