// Proves a fraud flag is raised once and reviewed once, by a decision a person gives (release or reverse, with a reason code), refusing an unknown flag (404), a second review (409) and bad input (400 naming fields); given/when/then.
import { DeciderSpecification, ValidationFailed } from '@ledger/kernel';
import type { FraudFlagRaised } from '@ledger/contracts';
import { FraudFlagAlreadyReviewed, FraudFlagNotFound } from '../fraud.errors';
import { fraudFlagDecider } from './fraud-flag.decider';

const spec = DeciderSpecification.for(fraudFlagDecider);
const NOW = '2026-03-03T09:00:00.000Z';
const raised: FraudFlagRaised = {
  flagId: 'flag-1',
  rule: 'self_referral',
  influencerId: 'inf-ada',
  orderId: 'o-1',
  evidence: { customerRef: 'ada-home' },
  earningIds: ['e-1', 'e-2'],
  at: '2026-03-02T10:00:00.000Z',
};
const raisedEvent = { type: 'FraudFlagRaised' as const, data: raised };

describe('fraud flag', () => {
  it('is raised once: the same finding again raises nothing', () => {
    spec.given([]).when({ type: 'RaiseFraudFlag', data: raised }).then([raisedEvent]);
    spec.given([raisedEvent]).when({ type: 'RaiseFraudFlag', data: raised }).then([]);
  });

  it('is released by a reviewer with a reason code and a note', () => {
    spec
      .given([raisedEvent])
      .when({ type: 'ReviewFraudFlag', data: { flagId: 'flag-1', decision: 'release', reasonCode: 'customer_verified', note: 'a friend, not Ada', now: NOW } })
      .then([{ type: 'FraudFlagReviewed', data: { flagId: 'flag-1', decision: 'release', reasonCode: 'customer_verified', note: 'a friend, not Ada', at: NOW } }]);
  });

  it('is reversed by a reviewer', () => {
    spec
      .given([raisedEvent])
      .when({ type: 'ReviewFraudFlag', data: { flagId: 'flag-1', decision: 'reverse', reasonCode: 'self_referral_confirmed', now: NOW } })
      .then([{ type: 'FraudFlagReviewed', data: { flagId: 'flag-1', decision: 'reverse', reasonCode: 'self_referral_confirmed', at: NOW } }]);
  });

  it('a review is final: a second one is 409', () => {
    const reviewed = { type: 'FraudFlagReviewed' as const, data: { flagId: 'flag-1', decision: 'release' as const, reasonCode: 'ok', at: NOW } };
    spec.given([raisedEvent, reviewed]).when({ type: 'ReviewFraudFlag', data: { flagId: 'flag-1', decision: 'reverse', reasonCode: 'changed_mind', now: NOW } }).thenThrows(FraudFlagAlreadyReviewed, 'FRAUD.FLAG_ALREADY_REVIEWED');
  });

  it('an unknown flag is 404', () => {
    spec.given([]).when({ type: 'ReviewFraudFlag', data: { flagId: 'nope', decision: 'release', reasonCode: 'ok', now: NOW } }).thenThrows(FraudFlagNotFound, 'FRAUD.FLAG_NOT_FOUND');
  });

  it('bad input names every field', () => {
    spec
      .given([raisedEvent])
      .when({ type: 'ReviewFraudFlag', data: { flagId: 'flag-1', decision: 'forgive' as never, reasonCode: ' ', now: NOW } })
      .thenThrows((e) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field)) === JSON.stringify(['decision', 'reasonCode']));
  });
});
