// Proves the inf_cid cookie: found among other cookies, decoded, refused when malformed or oversized, and set with safe attributes.
import { LIMITS } from '@ledger/kernel';
import { customerCookie, customerRefFromCookie } from './customer-cookie';

it.each([
  ['absent header', undefined, undefined],
  ['only other cookies', 'a=1; b=2', undefined],
  ['among others', 'a=1; inf_cid=abc-123; b=2', 'abc-123'],
  ['encoded', `inf_cid=${encodeURIComponent('cust 42/é')}`, 'cust 42/é'],
  ['quoted', 'inf_cid="q-1"', 'q-1'],
  ['blank', 'inf_cid=', undefined],
  ['malformed escape', 'inf_cid=%E0%A4%A', undefined],
  ['control character', `inf_cid=${encodeURIComponent('a\nb')}`, undefined],
  ['too long', `inf_cid=${'x'.repeat(LIMITS.checkout.customerRefChars + 1)}`, undefined],
  ['a name that only ends like it', 'xinf_cid=nope', undefined],
])('%s', (_name, header, expected) => {
  expect(customerRefFromCookie(header)).toBe(expected);
});

it('sets the cookie first-party, HttpOnly, SameSite=Lax, for about 13 months, Secure over https', () => {
  expect(customerCookie('cust 1', false)).toBe(`inf_cid=cust%201; Max-Age=${LIMITS.checkout.customerCookieMaxAgeDays * 86_400}; Path=/; HttpOnly; SameSite=Lax`);
  expect(customerCookie('c', true)).toMatch(/; Secure$/);
});
