// Proves which answers an Idempotency-Key does not store: 5xx, 408, 429 and the transient 409s.
import { isTransientAnswer } from './transient-answer';

it.each([
  [503, { code: 'AUTH.JWKS_UNAVAILABLE' }, true],
  [500, null, true],
  [429, { code: 'RATE_LIMITED' }, true],
  [409, { code: 'EVENT_STORE.WRONG_EXPECTED_VERSION' }, true],
  [409, { code: 'WRONG_EXPECTED_VERSION' }, true],
  [409, { code: 'ORDER_CONFLICT' }, false],
  [409, undefined, false],
  [400, { code: 'VALIDATION_FAILED' }, false],
  [201, { id: 'x' }, false],
])('%i %j → %s', (status, body, transient) => {
  expect(isTransientAnswer(status, body)).toBe(transient);
});
