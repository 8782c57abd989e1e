// Proves which errors are retried (transient) and which are parked: SQLSTATEs of connection loss, serialization, deadlock, lock/statement timeouts and shutdowns, socket errors, a lost pg connection, WrongExpectedVersion and unavailable domain errors retry; data errors, bugs and refusals park.
import { WrongExpectedVersion } from '@ledger/event-store';
import { Conflict, Unavailable, ValidationFailed } from '@ledger/kernel';
import { isTransientError } from './transient-error';

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

it.each(['40001', '40P01', '55P03', '57014', '57P01', '57P03', '08006', '08003', '53300', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT'])('%s is transient', (code) => {
  expect(isTransientError(withCode(code))).toBe(true);
});

it('a connection pg lost without a code, a stream moved under us, an unavailable dependency: transient', () => {
  expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
  expect(isTransientError(new WrongExpectedVersion('order-acme.o1', 1n, 2n))).toBe(true);
  expect(isTransientError(new Unavailable('LEDGER.CATALOG_BEHIND', 'catalog behind'))).toBe(true);
});

it.each([
  ['datetime field overflow', withCode('22008')],
  ['unique violation', withCode('23505')],
  ['a bug', new TypeError("Cannot read properties of undefined (reading 'lines')")],
  ['a refusal', new ValidationFailed([{ field: 'amount', problem: 'too big' }])],
  ['a conflict', new Conflict('ORDER.RETURN_EXCEEDS_QUANTITY', 'too many')],
  ['not an Error', 'a string'],
])('%s is parked, not retried', (_what, error) => {
  expect(isTransientError(error)).toBe(false);
});
