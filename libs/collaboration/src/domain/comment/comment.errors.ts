// Refusals of the comment decider, each with a stable code.
import { Conflict, Forbidden, NotFound } from '@ledger/kernel';

export class CommentNotFound extends NotFound {
  constructor(commentId: string) {
    super('COMMENT.NOT_FOUND', `Comment ${commentId} does not exist.`);
  }
}

export class CommentParentNotFound extends NotFound {
  constructor(parentId: string) {
    super('COMMENT.PARENT_NOT_FOUND', `Comment ${parentId} (the parent) does not exist.`);
  }
}

export class NotCommentAuthor extends Forbidden {
  constructor(commentId: string) {
    super('COMMENT.NOT_AUTHOR', `Only the author revises comment ${commentId}.`);
  }
}

export class CommentModeratorRequired extends Forbidden {
  constructor(commentId: string) {
    super('COMMENT.MODERATOR_REQUIRED', `Hiding or unhiding comment ${commentId} needs inf_owner or inf_admin.`);
  }
}

export class CommentHidden extends Conflict {
  constructor(commentId: string) {
    super('COMMENT.HIDDEN', `Comment ${commentId} is hidden: it cannot be revised.`);
  }
}

/** A comment stream is bounded (ADR 0009): revisions, status changes and reports each have a limit. */
export class CommentLimitReached extends Conflict {
  constructor(commentId: string, what: string, limit: number) {
    super('COMMENT.LIMIT_REACHED', `Comment ${commentId} has reached the limit of ${limit} ${what}.`);
  }
}
