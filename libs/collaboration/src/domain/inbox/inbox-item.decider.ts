// Inbox stream (inbox-<org>.<inboxItemId>): an actionable item about a subject, addressed to the
// roles that must act, then its status (unread → read → archived, any order) and work state
// (open → in_progress → done, any order). Created by hand (inbox/create) or by the inbox-items
// process manager with an id deterministic in its cause: creating an existing item is a no-op.
import { INF_USER_ROLES, type CommentSubject, type DomainEvent, type InboxState, type InboxStatus } from '@ledger/contracts';
import { assert, assertNever, LIMITS, type Decider, type FieldProblem } from '@ledger/kernel';
import { checkSubject, checkText, isOneOf, refuseInvalid } from '../shared/checks';
import { InboxItemLimitReached, InboxItemNotFound } from './inbox-item.errors';

// ── commands ────────────────────────────────────────────────────────────────
export type CreateInboxItem = {
  type: 'CreateInboxItem';
  data: {
    inboxItemId: string; kind: string; subject: CommentSubject; title: string; body?: string; roles: string[];
    cause?: { eventId: string; type: string; stream: string }; createdBy: string; now: string;
  };
};
/** `actorRoles`: the caller's effective roles; an item addressed to none of them is not theirs (404). */
export type ChangeInboxItemStatus = { type: 'ChangeInboxItemStatus'; data: { inboxItemId: string; status: InboxStatus; actorId: string; actorRoles: readonly string[]; now: string } };
export type ChangeInboxItemState = { type: 'ChangeInboxItemState'; data: { inboxItemId: string; state: InboxState; actorId: string; actorRoles: readonly string[]; now: string } };
export type InboxItemCommand = CreateInboxItem | ChangeInboxItemStatus | ChangeInboxItemState;

// ── events ──────────────────────────────────────────────────────────────────
export const INBOX_ITEM_EVENT_TYPES = ['InboxItemCreated', 'InboxItemStatusChanged', 'InboxItemStateChanged'] as const;
export type InboxItemEvent = DomainEvent<(typeof INBOX_ITEM_EVENT_TYPES)[number]>;
const isInboxItemEvent = isOneOf(INBOX_ITEM_EVENT_TYPES);

// ── state ───────────────────────────────────────────────────────────────────
export type InboxItemState =
  | { exists: false }
  | { exists: true; inboxItemId: string; roles: readonly string[]; status: InboxStatus; state: InboxState; changes: number };
export type ExistingInboxItem = Extract<InboxItemState, { exists: true }>;

/** Owners and admins see every item of their org; everyone else the items addressed to one of their roles. */
export const INBOX_SEES_ALL_ROLES = ['inf_owner', 'inf_admin'] as const;

export function isAddressedTo(roles: readonly string[], actorRoles: readonly string[]): boolean {
  return actorRoles.some((role) => (INBOX_SEES_ALL_ROLES as readonly string[]).includes(role) || roles.includes(role));
}

const KIND = /^[a-z][a-z0-9_]{0,63}$/;

// ── decide ──────────────────────────────────────────────────────────────────
function decide(command: InboxItemCommand, state: InboxItemState): InboxItemEvent[] {
  switch (command.type) {
    case 'CreateInboxItem': {
      const { inboxItemId, kind, subject, title, body, roles, cause, createdBy, now } = command.data;
      refuseInvalid([
        ...(KIND.test(kind) ? [] : [{ field: 'kind', problem: 'must be lower-case letters, digits and _ (at most 64)' }]),
        ...checkSubject('subject', subject),
        ...checkText('title', title, LIMITS.collaboration.inboxTitleChars),
        ...(body === undefined ? [] : checkText('body', body, LIMITS.collaboration.inboxBodyChars)),
        ...roleProblems(roles),
      ]);
      if (state.exists) return [];
      return [
        {
          type: 'InboxItemCreated',
          data: {
            inboxItemId, kind, subject: { kind: subject.kind, id: subject.id }, title, ...(body === undefined ? {} : { body }),
            roles: [...new Set(roles)], ...(cause === undefined ? {} : { cause }), createdBy, createdAt: now,
          },
        },
      ];
    }
    case 'ChangeInboxItemStatus': {
      const { inboxItemId, status, actorId, actorRoles, now } = command.data;
      const item = visible(state, inboxItemId, actorRoles);
      if (item.status === status) return [];
      refuseBeyondChanges(item);
      return [{ type: 'InboxItemStatusChanged', data: { inboxItemId, status, changedBy: actorId, at: now } }];
    }
    case 'ChangeInboxItemState': {
      const { inboxItemId, state: next, actorId, actorRoles, now } = command.data;
      const item = visible(state, inboxItemId, actorRoles);
      if (item.state === next) return [];
      refuseBeyondChanges(item);
      return [{ type: 'InboxItemStateChanged', data: { inboxItemId, state: next, changedBy: actorId, at: now } }];
    }
    default:
      return assertNever(command, 'unknown inbox item command');
  }
}

function roleProblems(roles: unknown): FieldProblem[] {
  if (!Array.isArray(roles) || roles.length === 0 || roles.length > INF_USER_ROLES.length) {
    return [{ field: 'roles', problem: `must list 1 to ${INF_USER_ROLES.length} roles` }];
  }
  return roles.flatMap((role, i) => ((INF_USER_ROLES as readonly unknown[]).includes(role) ? [] : [{ field: `roles[${i}]`, problem: `must be one of ${INF_USER_ROLES.join(', ')}` }]));
}

function visible(state: InboxItemState, inboxItemId: string, actorRoles: readonly string[]): ExistingInboxItem {
  if (!state.exists || !isAddressedTo(state.roles, actorRoles)) throw new InboxItemNotFound(inboxItemId);
  assert(state.inboxItemId === inboxItemId, `command for inbox item ${inboxItemId} decided against stream of ${state.inboxItemId}`);
  return state;
}

function refuseBeyondChanges(item: ExistingInboxItem): void {
  if (item.changes >= LIMITS.collaboration.inboxChangesPerItem) throw new InboxItemLimitReached(item.inboxItemId, LIMITS.collaboration.inboxChangesPerItem);
}

// ── evolve ──────────────────────────────────────────────────────────────────
function evolve(state: InboxItemState, event: DomainEvent): InboxItemState {
  if (!isInboxItemEvent(event)) return state;
  if (event.type === 'InboxItemCreated') {
    assert(!state.exists, `inbox item ${event.data.inboxItemId} created twice`);
    return { exists: true, inboxItemId: event.data.inboxItemId, roles: event.data.roles, status: 'unread', state: 'open', changes: 0 };
  }
  assert(state.exists, `${event.type} before InboxItemCreated`);
  switch (event.type) {
    case 'InboxItemStatusChanged':
      return { ...state, status: event.data.status, changes: state.changes + 1 };
    case 'InboxItemStateChanged':
      return { ...state, state: event.data.state, changes: state.changes + 1 };
    default:
      return assertNever(event, 'unknown inbox item event');
  }
}

export const inboxItemDecider: Decider<InboxItemCommand, InboxItemEvent, InboxItemState, DomainEvent> = {
  decide,
  evolve,
  initialState: () => ({ exists: false }),
};
