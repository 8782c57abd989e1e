// Proves the share-link signature: the documented HMAC, bound to code, org, cid and exp; forged, expired and over-long links refused.
import { createHmac } from 'node:crypto';
import { signShareLinkCid, verifyShareLinkCid } from './share-link-signature';

const SECRET = 'share-link-test-secret-0123456789abcdef';
const NOW_MS = Date.UTC(2026, 2, 10, 12);
const exp = NOW_MS / 1000 + 30 * 86_400;
const link = { code: 'SUMMER10', org: 'acme', cid: 'cust-42', exp };
const sig = signShareLinkCid(SECRET, link);
const verify = (overrides: Partial<{ code: string; org: string; cid: string; exp: unknown; sig: unknown }>) =>
  verifyShareLinkCid(SECRET, { ...link, exp: String(exp), sig, ...overrides }, NOW_MS);

it('is the HMAC-SHA256 the docs show (any language can sign it)', () => {
  const documented = createHmac('sha256', SECRET).update(`v1\nSUMMER10\nacme\ncust-42\n${exp}`).digest('base64url');
  expect(sig).toBe(documented);
  expect(verify({})).toBe('signed');
});

it.each([
  ['another cid', { cid: 'cust-43' }],
  ['another code', { code: 'WINTER5' }],
  ['another org', { org: 'other' }],
  ['a moved exp', { exp: String(exp + 1) }],
  ['another key', { sig: signShareLinkCid('another-secret-0123456789abcdef0123', link) }],
  ['a malformed sig', { sig: 'abc' }],
  ['a malformed exp', { exp: '1e12' }],
  ['exp without sig', { sig: undefined }],
])('forged: %s', (_name, overrides) => {
  expect(verify(overrides)).toBe('forged');
});

it('unsigned when neither exp nor sig is given', () => {
  expect(verify({ exp: undefined, sig: undefined })).toBe('unsigned');
});

it('expired once exp has passed, and when exp lies beyond the maximum validity', () => {
  expect(verifyShareLinkCid(SECRET, { ...link, exp: String(exp), sig }, exp * 1000)).toBe('expired');
  const far = NOW_MS / 1000 + 401 * 86_400;
  expect(verifyShareLinkCid(SECRET, { ...link, exp: String(far), sig: signShareLinkCid(SECRET, { ...link, exp: far }) }, NOW_MS)).toBe('expired');
});
