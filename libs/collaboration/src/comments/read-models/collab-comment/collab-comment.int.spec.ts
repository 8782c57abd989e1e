// Proves collab_comment on real PostgreSQL: the current body with every revision, status and reports; a replay (whole
// and in overlapping halves) adds no history entry twice; verify agrees.
import { commentDecider } from '../../../domain';
import { createReadModelFixture, decided, ORG, type ReadModelFixture } from '../../../testing/read-model-fixture';
import { collabCommentProjection } from './collab-comment.projection';

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-02T10:00:00.000Z';
let fx: ReadModelFixture;
beforeAll(async () => {
  fx = await createReadModelFixture();
});
afterAll(() => fx.close());

it('keeps the revision history and the reports, once each', async () => {
  const attachment = { name: 'brief.pdf', mediaType: 'application/pdf', size: 10, url: 'https://files.example/brief.pdf' };
  await fx.append(`comment-${ORG}.cm-1`, decided(commentDecider, [
    { type: 'PostComment', data: { commentId: 'cm-1', subject: { kind: 'campaign', id: 'c-1' }, body: 'v1', attachments: [attachment], authorId: 'mia', now: T0 } },
    { type: 'ReviseComment', data: { commentId: 'cm-1', body: 'v2', actorId: 'mia', now: T1 } },
    { type: 'ReportComment', data: { commentId: 'cm-1', reasonCode: 'spam', actorId: 'bob', now: T1 } },
    { type: 'ReviseComment', data: { commentId: 'cm-1', body: 'v3', actorId: 'mia', now: T1 } },
    { type: 'ChangeCommentStatus', data: { commentId: 'cm-1', status: 'resolved', actorId: 'ops', moderator: false, now: T1 } },
  ]));
  await fx.append(`comment-${ORG}.cm-2`, decided(commentDecider, [
    { type: 'PostComment', data: { commentId: 'cm-2', subject: { kind: 'campaign', id: 'c-1' }, body: 'reply', parentId: 'cm-1', attachments: [], authorId: 'bob', now: T1 } },
  ]));
  await fx.project(collabCommentProjection);

  const rows = await fx.rows('collab_comment');
  expect(rows).toEqual([
    expect.objectContaining({
      comment_id: 'cm-1', body: 'v3', status: 'resolved', attachments: [attachment], parent_id: null, updated_at: T1, last_revision: 4,
      revisions: [{ revision: 1, body: 'v1', by: 'mia', at: T0 }, { revision: 2, body: 'v2', by: 'mia', at: T1 }, { revision: 3, body: 'v3', by: 'mia', at: T1 }],
      reports: [{ reasonCode: 'spam', by: 'bob', at: T1 }],
    }),
    expect.objectContaining({ comment_id: 'cm-2', parent_id: 'cm-1', revisions: [{ revision: 1, body: 'reply', by: 'bob', at: T1 }], reports: [] }),
  ]);
  await fx.replay(collabCommentProjection);
  expect(await fx.rows('collab_comment')).toEqual(rows);
  expect(await fx.verify(collabCommentProjection)).toBe(true);
});
