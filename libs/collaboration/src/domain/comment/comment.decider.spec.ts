// Proves the comment decider given/when/then: posting validates subject, body and attachments (each bad field named);
// only the author revises, the history grows by one revision each time, bounded; hiding needs a moderator; one report per actor.
import type { DomainEvent } from '@ledger/contracts';
import { Conflict, DeciderSpecification, Forbidden, LIMITS, NotFound, ValidationFailed } from '@ledger/kernel';
import { commentDecider, type CommentEvent, type PostComment } from './comment.decider';

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-02T10:00:00.000Z';
const spec = DeciderSpecification.for(commentDecider);
const fieldsAre = (fields: string[]) => (e: unknown) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field)) === JSON.stringify(fields);

const attachment = { name: 'brief.pdf', mediaType: 'application/pdf', size: 2048, url: 'https://files.example/brief.pdf' };
const post = (overrides: Partial<PostComment['data']> = {}): PostComment => ({
  type: 'PostComment',
  data: { commentId: 'cm-1', subject: { kind: 'campaign', id: 'c-1' }, body: 'Looks good', attachments: [attachment], authorId: 'mia', now: T0, ...overrides },
});
const posted: CommentEvent = {
  type: 'CommentPosted',
  data: { commentId: 'cm-1', subject: { kind: 'campaign', id: 'c-1' }, body: 'Looks good', attachments: [attachment], authorId: 'mia', postedAt: T0 },
};
const revised = (revision: number, body = `v${revision}`): CommentEvent => ({ type: 'CommentRevised', data: { commentId: 'cm-1', revision, body, revisedBy: 'mia', at: T1 } });
const revise = (actorId: string, body = 'Looks great') => ({ type: 'ReviseComment' as const, data: { commentId: 'cm-1', body, actorId, now: T1 } });
const status = (next: 'open' | 'resolved' | 'hidden', moderator = false) => ({ type: 'ChangeCommentStatus' as const, data: { commentId: 'cm-1', status: next, actorId: 'ops', moderator, now: T1 } });

describe('PostComment', () => {
  it('posts a comment with its attachments, and a reply with its parent', () => {
    spec.given([]).when(post()).then([posted]);
    spec.given([]).when(post({ parentId: 'cm-0', attachments: [] })).then([{ ...posted, data: { ...posted.data, parentId: 'cm-0', attachments: [] } } as CommentEvent]);
  });

  it('names every bad field', () => {
    spec
      .given([])
      .when(post({ subject: { kind: 'planet', id: '' }, body: ' ', attachments: [{ name: '', mediaType: 'pdf', size: -1, url: 'javascript:alert(1)' }] }))
      .thenThrows(fieldsAre(['subject.kind', 'subject.id', 'body', 'attachments[0].name', 'attachments[0].mediaType', 'attachments[0].size', 'attachments[0].url']));
    spec.given([]).when(post({ attachments: Array(LIMITS.collaboration.attachmentsPerComment + 1).fill(attachment) })).thenThrows(fieldsAre(['attachments']));
  });
});

describe('ReviseComment', () => {
  it('adds the next revision (the author only); the same body again changes nothing', () => {
    spec.given([posted]).when(revise('mia')).then([revised(2, 'Looks great')]);
    spec.given([posted, revised(2, 'Looks great')]).when(revise('mia')).then([]);
    spec.given([posted]).when(revise('bob')).thenThrows(Forbidden, 'COMMENT.NOT_AUTHOR');
    spec.given([]).when(revise('mia')).thenThrows(NotFound, 'COMMENT.NOT_FOUND');
  });

  it('is bounded and refused on a hidden comment', () => {
    const history: DomainEvent[] = [posted, ...Array.from({ length: LIMITS.collaboration.revisionsPerComment }, (_, i) => revised(i + 2))];
    spec.given(history).when(revise('mia', 'one more')).thenThrows(Conflict, 'COMMENT.LIMIT_REACHED');
    const hidden: CommentEvent = { type: 'CommentStatusChanged', data: { commentId: 'cm-1', status: 'hidden', changedBy: 'owner', at: T1 } };
    spec.given([posted, hidden]).when(revise('mia')).thenThrows(Conflict, 'COMMENT.HIDDEN');
  });
});

describe('ChangeCommentStatus and ReportComment', () => {
  it('resolves for anyone, hides and unhides for moderators only', () => {
    spec.given([posted]).when(status('resolved')).then([{ type: 'CommentStatusChanged', data: { commentId: 'cm-1', status: 'resolved', changedBy: 'ops', at: T1 } }]);
    spec.given([posted]).when(status('open')).then([]);
    spec.given([posted]).when(status('hidden')).thenThrows(Forbidden, 'COMMENT.MODERATOR_REQUIRED');
    spec.given([posted]).when(status('hidden', true)).then([{ type: 'CommentStatusChanged', data: { commentId: 'cm-1', status: 'hidden', changedBy: 'ops', at: T1 } }]);
    const hidden: CommentEvent = { type: 'CommentStatusChanged', data: { commentId: 'cm-1', status: 'hidden', changedBy: 'owner', at: T1 } };
    spec.given([posted, hidden]).when(status('open')).thenThrows(Forbidden, 'COMMENT.MODERATOR_REQUIRED');
  });

  it('records one report per actor', () => {
    const report = { type: 'ReportComment' as const, data: { commentId: 'cm-1', reasonCode: 'offensive', actorId: 'bob', now: T1 } };
    const reported: CommentEvent = { type: 'CommentReported', data: { commentId: 'cm-1', reasonCode: 'offensive', reportedBy: 'bob', at: T1 } };
    spec.given([posted]).when(report).then([reported]);
    spec.given([posted, reported]).when(report).then([]);
    spec.given([posted]).when({ ...report, data: { ...report.data, reasonCode: '' } }).thenThrows(fieldsAre(['reasonCode']));
  });
});
