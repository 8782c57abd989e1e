// Comment stream (comment-<org>.<commentId>): one comment on a subject (a campaign, an earning…),
// optionally a reply (parentId), with attachment metadata; then its revisions (history kept: the
// stream is the history), status changes and reports. Bounded by LIMITS.collaboration.
import type { CommentAttachment, CommentStatus, CommentSubject, DomainEvent } from '@ledger/contracts';
import { assert, assertNever, LIMITS, type Decider, type FieldProblem } from '@ledger/kernel';
import { checkReasonCode, checkSubject, checkText, isHttpUrl, isOneOf, refuseInvalid } from '../shared/checks';
import { CommentHidden, CommentLimitReached, CommentModeratorRequired, CommentNotFound, NotCommentAuthor } from './comment.errors';

// ── commands ────────────────────────────────────────────────────────────────
export type PostComment = {
  type: 'PostComment';
  data: { commentId: string; subject: CommentSubject; body: string; parentId?: string; attachments: CommentAttachment[]; authorId: string; now: string };
};
export type ReviseComment = { type: 'ReviseComment'; data: { commentId: string; body: string; actorId: string; now: string } };
/** `moderator`: the actor may hide and unhide (inf_owner, inf_admin); the handler knows the roles. */
export type ChangeCommentStatus = { type: 'ChangeCommentStatus'; data: { commentId: string; status: CommentStatus; actorId: string; moderator: boolean; now: string } };
export type ReportComment = { type: 'ReportComment'; data: { commentId: string; reasonCode: string; actorId: string; now: string } };
export type CommentCommand = PostComment | ReviseComment | ChangeCommentStatus | ReportComment;

// ── events ──────────────────────────────────────────────────────────────────
export const COMMENT_EVENT_TYPES = ['CommentPosted', 'CommentRevised', 'CommentStatusChanged', 'CommentReported'] as const;
export type CommentEvent = DomainEvent<(typeof COMMENT_EVENT_TYPES)[number]>;
const isCommentEvent = isOneOf(COMMENT_EVENT_TYPES);

// ── state ───────────────────────────────────────────────────────────────────
export type CommentState =
  | { status: 'none' }
  | {
      status: CommentStatus;
      commentId: string;
      subject: CommentSubject;
      authorId: string;
      body: string;
      /** 1 = as posted; each revise adds one. */
      revision: number;
      statusChanges: number;
      reporters: ReadonlySet<string>;
    };
export type ExistingComment = Exclude<CommentState, { status: 'none' }>;

const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

// ── decide ──────────────────────────────────────────────────────────────────
function decide(command: CommentCommand, state: CommentState): CommentEvent[] {
  switch (command.type) {
    case 'PostComment': {
      const { commentId, subject, body, parentId, attachments, authorId, now } = command.data;
      refuseInvalid([
        ...checkSubject('subject', subject),
        ...checkText('body', body, LIMITS.collaboration.commentBodyChars),
        ...(parentId === undefined ? [] : checkText('parentId', parentId, LIMITS.collaboration.subjectIdChars)),
        ...attachmentProblems(attachments),
      ]);
      // Ids are new per request: a stream that exists is a bug, not a caller's mistake.
      assert(state.status === 'none', `comment ${commentId} posted twice`);
      return [
        {
          type: 'CommentPosted',
          data: {
            commentId,
            subject: { kind: subject.kind, id: subject.id },
            body,
            ...(parentId === undefined ? {} : { parentId }),
            attachments: attachments.map(({ name, mediaType, size, url }) => ({ name, mediaType, size, url })),
            authorId,
            postedAt: now,
          },
        },
      ];
    }
    case 'ReviseComment': {
      const { commentId, body, actorId, now } = command.data;
      refuseInvalid(checkText('body', body, LIMITS.collaboration.commentBodyChars));
      const comment = existing(state, commentId);
      if (comment.authorId !== actorId) throw new NotCommentAuthor(commentId);
      if (comment.status === 'hidden') throw new CommentHidden(commentId);
      if (comment.body === body) return [];
      // Revision 1 is the posted body, so the limit counts the revisions after it.
      if (comment.revision > LIMITS.collaboration.revisionsPerComment) throw new CommentLimitReached(commentId, 'revisions', LIMITS.collaboration.revisionsPerComment);
      return [{ type: 'CommentRevised', data: { commentId, revision: comment.revision + 1, body, revisedBy: actorId, at: now } }];
    }
    case 'ChangeCommentStatus': {
      const { commentId, status, actorId, moderator, now } = command.data;
      const comment = existing(state, commentId);
      if ((status === 'hidden' || comment.status === 'hidden') && !moderator) throw new CommentModeratorRequired(commentId);
      if (comment.status === status) return [];
      if (comment.statusChanges >= LIMITS.collaboration.statusChangesPerComment) throw new CommentLimitReached(commentId, 'status changes', LIMITS.collaboration.statusChangesPerComment);
      return [{ type: 'CommentStatusChanged', data: { commentId, status, changedBy: actorId, at: now } }];
    }
    case 'ReportComment': {
      const { commentId, reasonCode, actorId, now } = command.data;
      refuseInvalid(checkReasonCode('reasonCode', reasonCode));
      const comment = existing(state, commentId);
      // One report per actor: reporting again changes nothing (nor can one actor flood the stream).
      if (comment.reporters.has(actorId)) return [];
      if (comment.reporters.size >= LIMITS.collaboration.reportsPerComment) throw new CommentLimitReached(commentId, 'reports', LIMITS.collaboration.reportsPerComment);
      return [{ type: 'CommentReported', data: { commentId, reasonCode, reportedBy: actorId, at: now } }];
    }
    default:
      return assertNever(command, 'unknown comment command');
  }
}

function attachmentProblems(attachments: unknown): FieldProblem[] {
  if (!Array.isArray(attachments) || attachments.length > LIMITS.collaboration.attachmentsPerComment) {
    return [{ field: 'attachments', problem: `must be a list of at most ${LIMITS.collaboration.attachmentsPerComment} attachments` }];
  }
  const problems: FieldProblem[] = [];
  attachments.forEach((a: Partial<CommentAttachment> | null, i) => {
    const at = `attachments[${i}]`;
    problems.push(...checkText(`${at}.name`, a?.name, LIMITS.collaboration.attachmentNameChars));
    if (typeof a?.mediaType !== 'string' || !MEDIA_TYPE.test(a.mediaType)) problems.push({ field: `${at}.mediaType`, problem: 'must be a media type such as image/png' });
    const size = a?.size;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0 || size > LIMITS.collaboration.attachmentSizeMax) {
      problems.push({ field: `${at}.size`, problem: `must be an integer number of bytes from 0 to ${LIMITS.collaboration.attachmentSizeMax}` });
    }
    if (!isHttpUrl(a?.url, LIMITS.collaboration.attachmentUrlChars)) problems.push({ field: `${at}.url`, problem: 'must be an http(s) URL' });
  });
  return problems;
}

function existing(state: CommentState, commentId: string): ExistingComment {
  if (state.status === 'none') throw new CommentNotFound(commentId);
  assert(state.commentId === commentId, `command for comment ${commentId} decided against stream of ${state.commentId}`);
  return state;
}

// ── evolve ──────────────────────────────────────────────────────────────────
function evolve(state: CommentState, event: DomainEvent): CommentState {
  if (!isCommentEvent(event)) return state;
  if (event.type === 'CommentPosted') {
    assert(state.status === 'none', `comment ${event.data.commentId} posted twice`);
    const { commentId, subject, authorId, body } = event.data;
    return { status: 'open', commentId, subject, authorId, body, revision: 1, statusChanges: 0, reporters: new Set() };
  }
  assert(state.status !== 'none', `${event.type} before CommentPosted`);
  switch (event.type) {
    case 'CommentRevised':
      assert(event.data.revision === state.revision + 1, `revision ${event.data.revision} follows ${state.revision}`);
      return { ...state, body: event.data.body, revision: event.data.revision };
    case 'CommentStatusChanged':
      return { ...state, status: event.data.status, statusChanges: state.statusChanges + 1 };
    case 'CommentReported':
      return { ...state, reporters: new Set([...state.reporters, event.data.reportedBy]) };
    default:
      return assertNever(event, 'unknown comment event');
  }
}

export const commentDecider: Decider<CommentCommand, CommentEvent, CommentState, DomainEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
