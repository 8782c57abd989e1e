// The dispute decider: open, start the review, then resolve or reject; the opener may withdraw while it is
// open or under review. Pure: who acts and when come in the command.
import { CURRENCY_PATTERN, LIMITS, ValidationFailed, assertNever, type Decider, type FieldProblem } from '@ledger/kernel';
import type { DomainEvent } from '@ledger/contracts';
import type { DisputeCommand, OpenDispute, ResolveDispute } from './dispute.commands';
import { DisputeAlreadyOpened, DisputeNotFound, DisputeStateConflict, NotTheOpener } from './dispute.errors';
import { evolveDispute, initialDisputeState, type DisputeEvent, type DisputeState } from './dispute.state';

const SUBJECT_KINDS = ['earning', 'attribution', 'payout'];
const RESOLUTION_KINDS = ['adjust', 'reassign', 'no_change'];
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function decide(command: DisputeCommand, state: DisputeState): DisputeEvent[] {
  switch (command.type) {
    case 'OpenDispute':
      return open(command.data, state);
    case 'StartDisputeReview': {
      const dispute = existing(state, command.data.disputeId);
      if (dispute.status === 'under_review') return [];
      if (dispute.status !== 'open') throw new DisputeStateConflict(dispute.disputeId, dispute.status, 'reviewed');
      refuse(textProblems('by', command.data.by, 200), instantProblems('now', command.data.now));
      return [{ type: 'DisputeReviewStarted', data: { disputeId: dispute.disputeId, by: command.data.by, ...note(command.data.note), at: command.data.now } }];
    }
    case 'ResolveDispute':
      return resolve(command.data, state);
    case 'RejectDispute': {
      const dispute = existing(state, command.data.disputeId);
      if (dispute.status !== 'under_review') throw new DisputeStateConflict(dispute.disputeId, dispute.status, 'rejected (review it first)');
      refuse(textProblems('reasonCode', command.data.reasonCode, 100), instantProblems('now', command.data.now));
      return [{ type: 'DisputeRejected', data: { disputeId: dispute.disputeId, reasonCode: command.data.reasonCode, ...note(command.data.note), by: command.data.by, at: command.data.now } }];
    }
    case 'WithdrawDispute': {
      const dispute = existing(state, command.data.disputeId);
      if (dispute.openedBy !== command.data.by) throw new NotTheOpener(dispute.disputeId);
      if (dispute.status !== 'open' && dispute.status !== 'under_review') throw new DisputeStateConflict(dispute.disputeId, dispute.status, 'withdrawn');
      const { reasonCode } = command.data;
      return [{ type: 'DisputeWithdrawn', data: { disputeId: dispute.disputeId, ...(reasonCode === undefined ? {} : { reasonCode }), ...note(command.data.note), by: command.data.by, at: command.data.now } }];
    }
    default:
      return assertNever(command, 'dispute command');
  }
}

function open(data: OpenDispute['data'], state: DisputeState): DisputeEvent[] {
  if (state.status !== 'none') throw new DisputeAlreadyOpened(data.disputeId);
  refuse(
    SUBJECT_KINDS.includes(data.subject?.kind) ? [] : [{ field: 'subject.kind', problem: `must be one of ${SUBJECT_KINDS.join(', ')}` }],
    textProblems('subject.id', data.subject?.id, 200),
    textProblems('influencerId', data.influencerId, 200),
    textProblems('reasonCode', data.reasonCode, 100),
    textProblems('description', data.description, LIMITS.disputes.descriptionChars),
    data.evidence.length <= LIMITS.disputes.evidenceEntries ? [] : [{ field: 'evidence', problem: `at most ${LIMITS.disputes.evidenceEntries} entries` }],
    data.respondBy === undefined ? [] : instantProblems('respondBy', data.respondBy),
    instantProblems('now', data.now),
  );
  const { disputeId, subject, influencerId, earningId, reasonCode, description, evidence, respondBy, openedBy, held } = data;
  return [
    {
      type: 'DisputeOpened',
      data: {
        disputeId, subject: { kind: subject.kind, id: subject.id }, influencerId, ...(earningId === undefined ? {} : { earningId }),
        reasonCode, description, evidence: evidence.map((e) => ({ ...e })), ...(respondBy === undefined ? {} : { respondBy }), openedBy, held, at: data.now,
      },
    },
  ];
}

function resolve(data: ResolveDispute['data'], state: DisputeState): DisputeEvent[] {
  const dispute = existing(state, data.disputeId);
  if (dispute.status !== 'under_review') throw new DisputeStateConflict(dispute.disputeId, dispute.status, 'resolved (review it first)');
  const { resolution } = data;
  refuse(
    RESOLUTION_KINDS.includes(resolution?.kind) ? [] : [{ field: 'resolution.kind', problem: `must be one of ${RESOLUTION_KINDS.join(', ')}` }],
    resolution?.kind === 'adjust' && !(Number.isSafeInteger(resolution.amount?.amount) && (resolution.amount?.amount ?? 0) > 0 && CURRENCY_PATTERN.test(resolution.amount?.currency ?? ''))
      ? [{ field: 'resolution.amount', problem: 'adjust takes the new amount (Money)' }]
      : [],
    resolution?.kind === 'reassign' && (resolution.influencerId === undefined || resolution.influencerId === dispute.influencerId)
      ? [{ field: 'resolution.influencerId', problem: 'reassign takes the influencer to re-attribute to (another one)' }]
      : [],
    resolution?.kind !== 'no_change' && dispute.earningId === undefined ? [{ field: 'resolution.kind', problem: `only no_change resolves a dispute on a ${dispute.subject.kind}` }] : [],
    textProblems('note', data.note, 2_000),
    instantProblems('now', data.now),
  );
  const kept = { kind: resolution.kind, ...(resolution.amount ? { amount: { amount: resolution.amount.amount, currency: resolution.amount.currency } } : {}), ...(resolution.influencerId ? { influencerId: resolution.influencerId } : {}) };
  return [{ type: 'DisputeResolved', data: { disputeId: dispute.disputeId, resolution: kept, note: data.note, by: data.by, modificationIds: [...data.modificationIds], at: data.now } }];
}

function existing(state: DisputeState, disputeId: string): Exclude<DisputeState, { status: 'none' }> {
  if (state.status === 'none') throw new DisputeNotFound(disputeId);
  return state;
}

function textProblems(field: string, value: unknown, max: number): FieldProblem[] {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max ? [] : [{ field, problem: `must be a non-blank text of at most ${max} characters` }];
}

function instantProblems(field: string, value: unknown): FieldProblem[] {
  return typeof value === 'string' && ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value)) ? [] : [{ field, problem: 'must be an ISO 8601 time with offset' }];
}

function refuse(...lists: FieldProblem[][]): void {
  const problems = lists.flat();
  if (problems.length > 0) throw new ValidationFailed(problems);
}

const note = (text: string | undefined) => (text === undefined ? {} : { note: text });

export const disputeDecider: Decider<DisputeCommand, DisputeEvent, DisputeState, DomainEvent> = {
  decide,
  evolve: evolveDispute,
  initialState: initialDisputeState,
};
