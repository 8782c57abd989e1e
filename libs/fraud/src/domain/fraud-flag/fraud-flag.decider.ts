// One flag's stream (fraud-<org>.<flagId>): raised once by the fraud process manager, reviewed once by a
// person. Never reviewed automatically: only ReviewFraudFlag (fraud/flag/review) produces FraudFlagReviewed.
import type { DomainEvent, FraudDecision, FraudFlagRaised, FraudFlagReviewed } from '@ledger/contracts';
import { assertNever, LIMITS, ValidationFailed, type Decider, type FieldProblem } from '@ledger/kernel';
import { FraudFlagAlreadyReviewed, FraudFlagNotFound } from '../fraud.errors';
import { instantProblems, textProblems } from '../shared-checks';

export type RaiseFraudFlag = { type: 'RaiseFraudFlag'; data: FraudFlagRaised };
export type ReviewFraudFlag = { type: 'ReviewFraudFlag'; data: { flagId: string; decision: FraudDecision; reasonCode: string; note?: string; now: string } };
export type FraudFlagCommand = RaiseFraudFlag | ReviewFraudFlag;
export type FraudFlagEvent = DomainEvent<'FraudFlagRaised' | 'FraudFlagReviewed'>;

export type FraudFlagState =
  | { status: 'none' }
  | { status: 'open'; flag: FraudFlagRaised }
  | { status: 'reviewed'; flag: FraudFlagRaised; review: FraudFlagReviewed };

const DECISIONS: readonly FraudDecision[] = ['release', 'reverse'];

function decide(command: FraudFlagCommand, state: FraudFlagState): FraudFlagEvent[] {
  switch (command.type) {
    case 'RaiseFraudFlag':
      // The flag id is deterministic in (order, rule, influencer): the same finding again raises nothing.
      if (state.status !== 'none') return [];
      refuse([...textProblems('flagId', command.data.flagId, 200), ...textProblems('influencerId', command.data.influencerId, 200), ...instantProblems('at', command.data.at)]);
      return [{ type: 'FraudFlagRaised', data: { ...command.data, earningIds: [...command.data.earningIds] } }];
    case 'ReviewFraudFlag': {
      const { flagId, decision, reasonCode, note, now } = command.data;
      refuse([
        ...(DECISIONS.includes(decision) ? [] : [{ field: 'decision', problem: 'must be one of release, reverse' }]),
        ...textProblems('reasonCode', reasonCode, LIMITS.fraud.reasonCodeChars),
        ...(note === undefined ? [] : textProblems('note', note, LIMITS.fraud.noteChars)),
        ...instantProblems('now', now),
      ]);
      if (state.status === 'none') throw new FraudFlagNotFound(flagId);
      if (state.status === 'reviewed') throw new FraudFlagAlreadyReviewed(flagId, state.review.decision);
      return [{ type: 'FraudFlagReviewed', data: { flagId, decision, reasonCode, ...(note === undefined ? {} : { note }), at: now } }];
    }
    default:
      return assertNever(command, 'unknown fraud flag command');
  }
}

function evolve(state: FraudFlagState, event: DomainEvent): FraudFlagState {
  switch (event.type) {
    case 'FraudFlagRaised':
      return state.status === 'none' ? { status: 'open', flag: event.data } : state;
    case 'FraudFlagReviewed':
      return state.status === 'open' ? { status: 'reviewed', flag: state.flag, review: event.data } : state;
    default:
      return state;
  }
}

function refuse(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationFailed(problems);
}

export const fraudFlagDecider: Decider<FraudFlagCommand, FraudFlagEvent, FraudFlagState, DomainEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
