// Proves how order/get shows a refusal the process manager recorded: an undecided order reads refused with the code and detail; a decided one keeps its decision and adds them; no refusal changes nothing.
import { withRefusal } from './order.answer';

const refusal = { errorCode: 'VALIDATION_FAILED', errorMessage: 'The request has invalid fields. amount.amount: must be a positive integer of minor units' };

it('an undecided order with a refusal reads refused, with code and detail', () => {
  expect(withRefusal({ status: 'pending' }, refusal)).toEqual({ status: 'refused', code: 'VALIDATION_FAILED', detail: refusal.errorMessage });
});

it('a decided order keeps its decision and says what was refused', () => {
  expect(withRefusal({ status: 'attributed', campaignId: 'c1' }, refusal)).toEqual({ status: 'attributed', campaignId: 'c1', code: 'VALIDATION_FAILED', detail: refusal.errorMessage });
});

it('no refusal: unchanged', () => {
  expect(withRefusal({ status: 'pending' }, undefined)).toEqual({ status: 'pending' });
});
