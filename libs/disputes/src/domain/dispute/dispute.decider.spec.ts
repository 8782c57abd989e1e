// Proves the dispute decider given/when/then: open → under_review → resolved | rejected, withdraw by the opener only (403 otherwise) while open or under review, the resolutions' required fields, and refusals of every other transition.
import { Conflict, DeciderSpecification, Forbidden, NotFound, ValidationFailed } from '@ledger/kernel';
import type { DisputeCommand } from './dispute.commands';
import { disputeDecider } from './dispute.decider';
import type { DisputeEvent } from './dispute.state';

const spec = DeciderSpecification.for(disputeDecider);
const AT = '2026-03-05T10:00:00.000Z';
const LATER = '2026-03-06T10:00:00.000Z';
const fieldsAre = (fields: string[]) => (e: unknown) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field)) === JSON.stringify(fields);
const conflict = (e: unknown) => e instanceof Conflict && e.code === 'DISPUTE.STATE_CONFLICT';

const open: DisputeCommand = {
  type: 'OpenDispute',
  data: {
    disputeId: 'd-1', subject: { kind: 'earning', id: 'e-1' }, influencerId: 'inf-1', earningId: 'e-1', reasonCode: 'wrong_amount', description: 'Order was 120, not 100',
    evidence: [{ name: 'receipt.pdf', mediaType: 'application/pdf' }], respondBy: '2026-03-20T00:00:00.000Z', openedBy: 'inf-1', held: true, now: AT,
  },
};
const opened: DisputeEvent = {
  type: 'DisputeOpened',
  data: {
    disputeId: 'd-1', subject: { kind: 'earning', id: 'e-1' }, influencerId: 'inf-1', earningId: 'e-1', reasonCode: 'wrong_amount', description: 'Order was 120, not 100',
    evidence: [{ name: 'receipt.pdf', mediaType: 'application/pdf' }], respondBy: '2026-03-20T00:00:00.000Z', openedBy: 'inf-1', held: true, at: AT,
  },
};
const reviewed: DisputeEvent = { type: 'DisputeReviewStarted', data: { disputeId: 'd-1', by: 'fiona', at: LATER } };
const resolve = (resolution: Record<string, unknown>): DisputeCommand => ({
  type: 'ResolveDispute', data: { disputeId: 'd-1', resolution: resolution as never, note: 'checked the order', by: 'fiona', modificationIds: ['m-1'], now: LATER },
});

describe('dispute decider', () => {
  it('opens a dispute with its evidence and deadline; not twice', () => {
    spec.given([]).when(open).then([opened]);
    spec.given([opened]).when(open).thenThrows((e) => e instanceof Conflict && e.code === 'DISPUTE.ALREADY_OPENED');
  });

  it('refuses a bad subject kind, blank texts and a bad deadline, naming each field', () => {
    spec
      .given([])
      .when({ ...open, data: { ...open.data, subject: { kind: 'order' as never, id: '' }, reasonCode: ' ', respondBy: 'soon' } })
      .thenThrows(fieldsAre(['subject.kind', 'subject.id', 'reasonCode', 'respondBy']));
  });

  it('starts the review once; a second start changes nothing', () => {
    spec.given([opened]).when({ type: 'StartDisputeReview', data: { disputeId: 'd-1', by: 'fiona', now: LATER } }).then([reviewed]);
    spec.given([opened, reviewed]).when({ type: 'StartDisputeReview', data: { disputeId: 'd-1', by: 'fiona', now: LATER } }).then([]);
  });

  it('resolves only under review, keeping the resolution and the modifications it made', () => {
    spec.given([opened]).when(resolve({ kind: 'no_change' })).thenThrows(conflict);
    spec.given([opened, reviewed]).when(resolve({ kind: 'adjust', amount: { amount: 1_200, currency: 'EUR' } })).then([
      { type: 'DisputeResolved', data: { disputeId: 'd-1', resolution: { kind: 'adjust', amount: { amount: 1_200, currency: 'EUR' } }, note: 'checked the order', by: 'fiona', modificationIds: ['m-1'], at: LATER } },
    ]);
  });

  it('requires the amount of an adjustment and another influencer for a reassignment', () => {
    spec.given([opened, reviewed]).when(resolve({ kind: 'adjust' })).thenThrows(fieldsAre(['resolution.amount']));
    spec.given([opened, reviewed]).when(resolve({ kind: 'reassign', influencerId: 'inf-1' })).thenThrows(fieldsAre(['resolution.influencerId']));
    spec.given([opened, reviewed]).when(resolve({ kind: 'refund' })).thenThrows(fieldsAre(['resolution.kind']));
  });

  it('rejects under review only; a resolved or rejected dispute takes nothing more', () => {
    const reject: DisputeCommand = { type: 'RejectDispute', data: { disputeId: 'd-1', reasonCode: 'as_agreed', by: 'fiona', now: LATER } };
    spec.given([opened]).when(reject).thenThrows(conflict);
    const rejected: DisputeEvent = { type: 'DisputeRejected', data: { disputeId: 'd-1', reasonCode: 'as_agreed', by: 'fiona', at: LATER } };
    spec.given([opened, reviewed]).when(reject).then([rejected]);
    spec.given([opened, reviewed, rejected]).when(resolve({ kind: 'no_change' })).thenThrows(conflict);
    spec.given([opened, reviewed, rejected]).when({ type: 'WithdrawDispute', data: { disputeId: 'd-1', by: 'inf-1', now: LATER } }).thenThrows(conflict);
  });

  it('lets the opener withdraw while open or under review; anyone else is refused (403)', () => {
    const withdraw = (by: string): DisputeCommand => ({ type: 'WithdrawDispute', data: { disputeId: 'd-1', by, now: LATER } });
    spec.given([opened]).when(withdraw('inf-1')).then([{ type: 'DisputeWithdrawn', data: { disputeId: 'd-1', by: 'inf-1', at: LATER } }]);
    spec.given([opened, reviewed]).when(withdraw('inf-1')).then([{ type: 'DisputeWithdrawn', data: { disputeId: 'd-1', by: 'inf-1', at: LATER } }]);
    spec.given([opened]).when(withdraw('fiona')).thenThrows((e) => e instanceof Forbidden && e.code === 'DISPUTE.NOT_THE_OPENER');
  });

  it('knows no dispute that was never opened', () => {
    spec.given([]).when(resolve({ kind: 'no_change' })).thenThrows((e) => e instanceof NotFound);
  });
});
