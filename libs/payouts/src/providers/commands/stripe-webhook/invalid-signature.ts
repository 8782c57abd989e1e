import { InvalidRequest } from '@ledger/http';

/** The body is not an event Stripe signed with our secret (or the signature is stale): 400, nothing recorded. */
export class InvalidRequestError extends InvalidRequest {
  constructor() {
    super('PAYOUT.STRIPE_SIGNATURE_INVALID', 'The Stripe-Signature header does not match the body.', [{ field: 'Stripe-Signature', problem: 'must be a valid Stripe signature of the body' }]);
  }
}
