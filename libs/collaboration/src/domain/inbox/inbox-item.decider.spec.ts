// Proves the inbox item decider given/when/then: creation validates roles and subject and is a no-op when the item
// exists (re-run safe for the process manager); status and state move only for callers the item is addressed to.
import { DeciderSpecification, NotFound, ValidationFailed } from '@ledger/kernel';
import { inboxItemDecider, type CreateInboxItem, type InboxItemEvent } from './inbox-item.decider';

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-02T10:00:00.000Z';
const spec = DeciderSpecification.for(inboxItemDecider);
const fieldsAre = (fields: string[]) => (e: unknown) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field)) === JSON.stringify(fields);

const create = (overrides: Partial<CreateInboxItem['data']> = {}): CreateInboxItem => ({
  type: 'CreateInboxItem',
  data: { inboxItemId: 'ib-1', kind: 'hold', subject: { kind: 'earning', id: 'e-1' }, title: 'Earning held', roles: ['inf_finance'], createdBy: 'system', now: T0, ...overrides },
});
const created: InboxItemEvent = {
  type: 'InboxItemCreated',
  data: { inboxItemId: 'ib-1', kind: 'hold', subject: { kind: 'earning', id: 'e-1' }, title: 'Earning held', roles: ['inf_finance'], createdBy: 'system', createdAt: T0 },
};
const setStatus = (status: 'unread' | 'read' | 'archived', actorRoles: string[] = ['inf_finance']) => ({ type: 'ChangeInboxItemStatus' as const, data: { inboxItemId: 'ib-1', status, actorId: 'fin', actorRoles, now: T1 } });
const setState = (state: 'open' | 'in_progress' | 'done', actorRoles: string[] = ['inf_finance']) => ({ type: 'ChangeInboxItemState' as const, data: { inboxItemId: 'ib-1', state, actorId: 'fin', actorRoles, now: T1 } });

it('creates an item once; creating it again is a no-op', () => {
  spec.given([]).when(create()).then([created]);
  spec.given([created]).when(create({ now: T1 })).then([]);
});

it('names every bad field', () => {
  spec.given([]).when(create({ kind: 'Bad Kind', subject: { kind: 'planet', id: 'x' }, title: '', roles: ['inf_finance', 'root'] })).thenThrows(fieldsAre(['kind', 'subject.kind', 'title', 'roles[1]']));
  spec.given([]).when(create({ roles: [] })).thenThrows(fieldsAre(['roles']));
});

it('moves status and state for the roles it is addressed to (and owners/admins); the same value again is a no-op', () => {
  spec.given([created]).when(setStatus('read')).then([{ type: 'InboxItemStatusChanged', data: { inboxItemId: 'ib-1', status: 'read', changedBy: 'fin', at: T1 } }]);
  spec.given([created]).when(setStatus('unread')).then([]);
  spec.given([created]).when(setState('in_progress', ['inf_admin'])).then([{ type: 'InboxItemStateChanged', data: { inboxItemId: 'ib-1', state: 'in_progress', changedBy: 'fin', at: T1 } }]);
  spec.given([created]).when(setState('open')).then([]);
});

it('is not found for other roles, and when it does not exist', () => {
  spec.given([created]).when(setStatus('read', ['inf_campaign_manager'])).thenThrows(NotFound, 'INBOX.ITEM_NOT_FOUND');
  spec.given([]).when(setState('done')).thenThrows(NotFound, 'INBOX.ITEM_NOT_FOUND');
});
