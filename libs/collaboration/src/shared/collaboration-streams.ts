// The collaboration stream names (ARCHITECTURE rule 1). The org is part of every name, so another
// org's id simply finds nothing: cross-org isolation on the write side needs no extra check.
import { streamName } from '@ledger/event-store';
import { STREAM_CATEGORIES } from '@ledger/contracts';

export const commentStream = (org: string, commentId: string): string => streamName(STREAM_CATEGORIES.comment, org, commentId);

export const inboxStream = (org: string, inboxItemId: string): string => streamName(STREAM_CATEGORIES.inbox, org, inboxItemId);
