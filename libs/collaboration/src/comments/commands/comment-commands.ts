// What the comment commands after posting share: decide on the comment's stream, answer its id and position.
import { ApiProperty } from '@nestjs/swagger';
import type { EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import type { Clock } from '@ledger/kernel';
import { commentDecider, type CommentCommand } from '../../domain';
import { commentStream } from '../../shared/collaboration-streams';
import { decideOnStream } from '../../shared/decide-on-stream';
import { PositionField } from '../../shared/position-field';

export class CommentChangedAnswer {
  @ApiProperty({ description: 'Comment id' }) id: string;
  @ApiProperty({ description: 'Whether this request changed anything (false: it was so already)' }) changed: boolean;
  @PositionField() position: string | null;
}

export async function changeComment(
  store: EventStore,
  clock: Clock,
  ctx: RequestContext,
  commentId: string,
  command: (now: string) => CommentCommand,
): Promise<CommentChangedAnswer> {
  const now = clock.now().toISOString();
  const outcome = await decideOnStream(store, ctx, commentStream(ctx.org, commentId), commentDecider, command(now), now);
  return withPosition({ id: commentId, changed: outcome.events.length > 0 }, outcome.position);
}
