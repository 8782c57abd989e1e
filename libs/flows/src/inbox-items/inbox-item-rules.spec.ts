// Proves the event → inbox item table: which events call for an item, about what subject, for which roles.
import { inboxItemSpecOf, INBOX_CAUSE_TYPES } from './inbox-item-rules';

it('maps holds placed by someone, fraud flags, disputes and payout batches to items for the roles that must act', () => {
  expect(INBOX_CAUSE_TYPES.sort()).toEqual(['DisputeOpened', 'FraudFlagRaised', 'HoldPlaced', 'PayoutBatchCreated']);
  for (const kind of ['manual', 'fraud', 'dispute']) {
    expect(inboxItemSpecOf('HoldPlaced', { earningId: 'e-1', kind, reasonCode: 'kyc_pending', at: 'x' })).toMatchObject({ kind: 'hold', subject: { kind: 'earning', id: 'e-1' }, roles: ['inf_finance'] });
  }
  expect(inboxItemSpecOf('FraudFlagRaised', { flagId: 'f-1', rule: 'self_referral', influencerId: 'i-1' })).toMatchObject({ kind: 'fraud_flag', subject: { kind: 'fraud_flag', id: 'f-1' }, roles: ['inf_fraud_reviewer'] });
  expect(inboxItemSpecOf('DisputeOpened', { disputeId: 'd-1', subject: { kind: 'earning', id: 'e-1' }, reasonCode: 'wrong_amount' })).toMatchObject({ kind: 'dispute', subject: { kind: 'dispute', id: 'd-1' }, title: 'Dispute opened on earning e-1: wrong_amount', roles: ['inf_finance'] });
  expect(inboxItemSpecOf('PayoutBatchCreated', { batchId: 'b-1' })).toMatchObject({ kind: 'payout_batch', subject: { kind: 'payout_batch', id: 'b-1' }, roles: ['inf_finance'] });
});

it('creates nothing for the period hold every earning starts with, nor for other events', () => {
  expect(inboxItemSpecOf('HoldPlaced', { earningId: 'e-1', kind: 'period', reasonCode: 'hold_period', at: 'x' })).toBeNull();
  expect(inboxItemSpecOf('EarningAccrued', { earningId: 'e-1' })).toBeNull();
});
