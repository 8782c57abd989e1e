// Proves collab_inbox_item on real PostgreSQL: the item with its roles (text[]), cause, status and state; a replay
// changes nothing; verify agrees.
import { inboxItemDecider } from '../../../domain';
import { createReadModelFixture, decided, ORG, type ReadModelFixture } from '../../../testing/read-model-fixture';
import { collabInboxItemProjection } from './collab-inbox-item.projection';

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-02T10:00:00.000Z';
let fx: ReadModelFixture;
beforeAll(async () => {
  fx = await createReadModelFixture();
});
afterAll(() => fx.close());

it('tracks an item\'s status and state', async () => {
  const roles = ['inf_finance'];
  await fx.append(`inbox-${ORG}.ib-1`, decided(inboxItemDecider, [
    { type: 'CreateInboxItem', data: { inboxItemId: 'ib-1', kind: 'hold', subject: { kind: 'earning', id: 'e-1' }, title: 'Held', roles: ['inf_finance', 'inf_admin'], cause: { eventId: 'ev-1', type: 'HoldPlaced', stream: 'earning-acme.e-1' }, createdBy: 'system', now: T0 } },
    { type: 'ChangeInboxItemStatus', data: { inboxItemId: 'ib-1', status: 'read', actorId: 'fin', actorRoles: roles, now: T1 } },
    { type: 'ChangeInboxItemState', data: { inboxItemId: 'ib-1', state: 'done', actorId: 'fin', actorRoles: roles, now: T1 } },
  ]));
  await fx.project(collabInboxItemProjection);

  const rows = await fx.rows('collab_inbox_item');
  expect(rows).toEqual([
    expect.objectContaining({
      inbox_item_id: 'ib-1', kind: 'hold', subject_kind: 'earning', subject_id: 'e-1', roles: ['inf_finance', 'inf_admin'], status: 'read', state: 'done',
      cause: { eventId: 'ev-1', type: 'HoldPlaced', stream: 'earning-acme.e-1' }, created_at: T0, updated_at: T1, last_revision: 2,
    }),
  ]);
  await fx.replay(collabInboxItemProjection);
  expect(await fx.rows('collab_inbox_item')).toEqual(rows);
  expect(await fx.verify(collabInboxItemProjection)).toBe(true);
});
