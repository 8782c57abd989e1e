// A dispute folded from its stream: `open → under_review → resolved | rejected | withdrawn` (SPEC "Disputes").
import type { DisputeResolution, DisputeSubjectKind, DomainEvent } from '@ledger/contracts';
import { AssertionFailed, assertNever } from '@ledger/kernel';

export const DISPUTE_EVENT_TYPES = ['DisputeOpened', 'DisputeReviewStarted', 'DisputeResolved', 'DisputeRejected', 'DisputeWithdrawn'] as const;
export type DisputeEvent = DomainEvent<(typeof DISPUTE_EVENT_TYPES)[number]>;
const disputeTypes = new Set<string>(DISPUTE_EVENT_TYPES);
export const isDisputeEvent = (event: DomainEvent): event is DisputeEvent => disputeTypes.has(event.type);

export type DisputeStatus = 'open' | 'under_review' | 'resolved' | 'rejected' | 'withdrawn';

export interface DisputeFacts {
  disputeId: string;
  subject: { kind: DisputeSubjectKind; id: string };
  influencerId: string;
  earningId?: string;
  openedBy: string;
  held: boolean;
  respondBy?: string;
}

export type DisputeState =
  | { status: 'none' }
  | (DisputeFacts & { status: 'open' | 'under_review' | 'rejected' | 'withdrawn' })
  | (DisputeFacts & { status: 'resolved'; resolution: DisputeResolution });

export const initialDisputeState = (): DisputeState => ({ status: 'none' });

export function evolveDispute(state: DisputeState, event: DomainEvent): DisputeState {
  if (!isDisputeEvent(event)) return state;
  if (event.type === 'DisputeOpened') {
    if (state.status !== 'none') throw new AssertionFailed(`dispute ${event.data.disputeId} opened twice`);
    const { disputeId, subject, influencerId, earningId, openedBy, held, respondBy } = event.data;
    return {
      status: 'open', disputeId, subject: { kind: subject.kind, id: subject.id }, influencerId, openedBy, held,
      ...(earningId === undefined ? {} : { earningId }), ...(respondBy === undefined ? {} : { respondBy }),
    };
  }
  if (state.status === 'none') throw new AssertionFailed(`${event.type} on dispute ${event.data.disputeId}, never opened`);
  switch (event.type) {
    case 'DisputeReviewStarted':
      return { ...facts(state), status: 'under_review' };
    case 'DisputeResolved':
      return { ...facts(state), status: 'resolved', resolution: event.data.resolution };
    case 'DisputeRejected':
      return { ...facts(state), status: 'rejected' };
    case 'DisputeWithdrawn':
      return { ...facts(state), status: 'withdrawn' };
    default:
      return assertNever(event, 'dispute event');
  }
}

function facts(state: Exclude<DisputeState, { status: 'none' }>): DisputeFacts {
  const { disputeId, subject, influencerId, earningId, openedBy, held, respondBy } = state;
  return { disputeId, subject, influencerId, openedBy, held, ...(earningId === undefined ? {} : { earningId }), ...(respondBy === undefined ? {} : { respondBy }) };
}
