// What inbox/status and inbox/state share: decide on the item's stream with the caller's roles.
import { ApiProperty } from '@nestjs/swagger';
import type { EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import type { Clock } from '@ledger/kernel';
import { inboxItemDecider, type InboxItemCommand } from '../../domain';
import { inboxStream } from '../../shared/collaboration-streams';
import { decideOnStream } from '../../shared/decide-on-stream';
import { PositionField } from '../../shared/position-field';

export class InboxItemChangedAnswer {
  @ApiProperty({ description: 'Inbox item id' }) id: string;
  @ApiProperty({ description: 'Whether this request changed anything (false: it was so already)' }) changed: boolean;
  @PositionField() position: string | null;
}

export async function changeInboxItem(
  store: EventStore,
  clock: Clock,
  ctx: RequestContext,
  inboxItemId: string,
  command: (now: string) => InboxItemCommand,
): Promise<InboxItemChangedAnswer> {
  const now = clock.now().toISOString();
  const outcome = await decideOnStream(store, ctx, inboxStream(ctx.org, inboxItemId), inboxItemDecider, command(now), now);
  return withPosition({ id: inboxItemId, changed: outcome.events.length > 0 }, outcome.position);
}
