// Proves the verifier's algorithm pinning with a real JWKS endpoint (local HTTP server): RS256 via AUTH_JWKS_URL,
// HS256 via the secret, each refused when not configured, unknown keys refused, claims mapped; iss/aud, iat and
// the maximum lifetime checked, for cached tokens too.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { Unauthorized } from '@ledger/kernel';
import { JwtVerifier } from './jwt-verifier';

const SECRET = 'unit-test-secret-0123456789abcdef0123';
let server: Server;
let jwksUrl: string;
let privateKey: KeyLike;
let strangerKey: KeyLike;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const rs256 = (key: KeyLike, claims: Record<string, unknown> = { sub: 'svc', org: 'acme', roles: ['inf_admin'] }) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuedAt().setExpirationTime(now() + 600).sign(key);
const hs256 = (claims: Record<string, unknown> = { sub: 'u', org: 'acme' }) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(now() + 600).sign(new TextEncoder().encode(SECRET));

async function refusal(verifier: JwtVerifier, token: string): Promise<string> {
  try {
    await verifier.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(Unauthorized);
    return (error as Unauthorized).code;
  }
  throw new Error('expected the token to be refused');
}

it('verifies RS256 tokens against the JWKS endpoint', async () => {
  const verifier = new JwtVerifier({ secret: null, jwksUrl });
  await expect(verifier.verify(await rs256(privateKey))).resolves.toEqual({ actorId: 'svc', org: 'acme', roles: ['inf_admin'] });
});

it('refuses RS256 signed by a key outside the set', async () => {
  expect(await refusal(new JwtVerifier({ secret: null, jwksUrl }), await rs256(strangerKey))).toBe('AUTH.BAD_SIGNATURE');
});

it('refuses HS256 when only JWKS is configured, and RS256 when only the secret is', async () => {
  expect(await refusal(new JwtVerifier({ secret: null, jwksUrl }), await hs256())).toBe('AUTH.ALGORITHM_NOT_ALLOWED');
  expect(await refusal(new JwtVerifier({ secret: SECRET, jwksUrl: null }), await rs256(privateKey))).toBe('AUTH.ALGORITHM_NOT_ALLOWED');
});

it('accepts both when both are configured', async () => {
  const verifier = new JwtVerifier({ secret: SECRET, jwksUrl });
  await expect(verifier.verify(await rs256(privateKey))).resolves.toMatchObject({ actorId: 'svc' });
  await expect(verifier.verify(await hs256())).resolves.toMatchObject({ actorId: 'u', roles: [] });
});

it('keeps only inf_* roles this system knows, once each', async () => {
  const verifier = new JwtVerifier({ secret: SECRET, jwksUrl: null });
  const token = await hs256({ sub: 'u', org: 'acme', roles: ['inf_finance', 'admin', 'inf_finance', 'inf_made_up'] });
  await expect(verifier.verify(token)).resolves.toEqual({ actorId: 'u', org: 'acme', roles: ['inf_finance'] });
});

describe('verified-token cache', () => {
  const signedAt = 1_900_000_000; // seconds; the verifier's clock is moved by hand from here
  const token = (claims: Record<string, unknown>, expSeconds: number) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(signedAt).setExpirationTime(expSeconds).sign(new TextEncoder().encode(SECRET));

  it('answers a repeated token from the cache, and refuses it once it expires there', async () => {
    let nowMs = signedAt * 1_000;
    const verifier = new JwtVerifier({ secret: SECRET, jwksUrl: null, nowMs: () => nowMs });
    const t = await token({ sub: 'till', org: 'acme' }, signedAt + 30);
    const first = await verifier.verify(t);
    nowMs += 20_000;
    expect(await verifier.verify(t)).toBe(first); // the same frozen claims: no second verification
    expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
    nowMs += 16_000; // past exp + the 5 s tolerance
    expect(await refusal(verifier, t)).toBe('AUTH.TOKEN_EXPIRED');
    expect(await refusal(verifier, t)).toBe('AUTH.TOKEN_EXPIRED'); // and again, now verified afresh by jose
  });

  it('verifies again after the cache TTL', async () => {
    let nowMs = signedAt * 1_000;
    const verifier = new JwtVerifier({ secret: SECRET, jwksUrl: null, nowMs: () => nowMs });
    const t = await token({ sub: 'till', org: 'acme' }, signedAt + 3_600);
    const first = await verifier.verify(t);
    nowMs += 61_000;
    const second = await verifier.verify(t);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });

  it('never lets a cached token vouch for another one: a changed signature is refused', async () => {
    const verifier = new JwtVerifier({ secret: SECRET, jwksUrl: null, nowMs: () => signedAt * 1_000 });
    const t = await token({ sub: 'till', org: 'acme' }, signedAt + 3_600);
    await verifier.verify(t);
    const [header, payload, signature] = t.split('.');
    const forged = `${header}.${payload}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await refusal(verifier, forged)).toBe('AUTH.BAD_SIGNATURE');
  });
});

describe('issuer, audience, iat and lifetime', () => {
  const signedAt = 1_900_000_000;
  const sign = (claims: Record<string, unknown>, times: { iat?: number; exp: number }) => {
    const jwt = new SignJWT({ sub: 'svc', org: 'acme', ...claims }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(times.exp);
    if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
    return jwt.sign(new TextEncoder().encode(SECRET));
  };
  const strict = (nowMs = () => signedAt * 1_000) =>
    new JwtVerifier({ secret: SECRET, jwksUrl: null, issuer: 'https://idp.example/', audience: 'ledger', maxLifetimeSeconds: 3_600, nowMs });

  it('accepts the configured issuer and audience (aud may be a list)', async () => {
    const t = await sign({ iss: 'https://idp.example/', aud: ['crm', 'ledger'] }, { iat: signedAt, exp: signedAt + 600 });
    await expect(strict().verify(t)).resolves.toMatchObject({ actorId: 'svc' });
  });

  it.each([
    ['another audience', { iss: 'https://idp.example/', aud: 'crm' }],
    ['no audience', { iss: 'https://idp.example/' }],
    ['another issuer', { iss: 'https://evil.example/', aud: 'ledger' }],
    ['no issuer', { aud: 'ledger' }],
  ])('refuses %s', async (_name, claims) => {
    expect(await refusal(strict(), await sign(claims, { iat: signedAt, exp: signedAt + 600 }))).toBe('AUTH.CLAIMS_INVALID');
  });

  it('refuses an iat beyond the clock tolerance, accepts one within it', async () => {
    const ok = { iss: 'https://idp.example/', aud: 'ledger' };
    expect(await refusal(strict(), await sign(ok, { iat: signedAt + 6, exp: signedAt + 600 }))).toBe('AUTH.TOKEN_ISSUED_IN_FUTURE');
    await expect(strict().verify(await sign(ok, { iat: signedAt + 5, exp: signedAt + 600 }))).resolves.toMatchObject({ org: 'acme' });
  });

  it('refuses a lifetime above the maximum and a token without iat', async () => {
    const ok = { iss: 'https://idp.example/', aud: 'ledger' };
    expect(await refusal(strict(), await sign(ok, { iat: signedAt, exp: signedAt + 3_601 }))).toBe('AUTH.TOKEN_LIFETIME_TOO_LONG');
    await expect(strict().verify(await sign(ok, { iat: signedAt, exp: signedAt + 3_600 }))).resolves.toMatchObject({ org: 'acme' });
    expect(await refusal(strict(), await sign(ok, { exp: signedAt + 600 }))).toBe('AUTH.CLAIMS_INVALID');
  });

  it('defaults the maximum lifetime to 24 h', async () => {
    const verifier = new JwtVerifier({ secret: SECRET, jwksUrl: null, nowMs: () => signedAt * 1_000 });
    expect(await refusal(verifier, await sign({}, { iat: signedAt, exp: signedAt + 86_401 }))).toBe('AUTH.TOKEN_LIFETIME_TOO_LONG');
    await expect(verifier.verify(await sign({}, { iat: signedAt, exp: signedAt + 86_400 }))).resolves.toMatchObject({ org: 'acme' });
  });

  it('a refused token never enters the cache: asking again is refused again, also once its iat has passed', async () => {
    let nowMs = signedAt * 1_000;
    const verifier = strict(() => nowMs);
    const early = await sign({ iss: 'https://idp.example/', aud: 'ledger' }, { iat: signedAt + 60, exp: signedAt + 600 });
    expect(await refusal(verifier, early)).toBe('AUTH.TOKEN_ISSUED_IN_FUTURE');
    expect(await refusal(verifier, early)).toBe('AUTH.TOKEN_ISSUED_IN_FUTURE');
    nowMs += 120_000; // now the token is fine: it is verified afresh, not remembered as refused
    await expect(verifier.verify(early)).resolves.toMatchObject({ actorId: 'svc' });
    const foreign = await sign({ iss: 'https://idp.example/', aud: 'crm' }, { iat: signedAt, exp: signedAt + 600 });
    expect(await refusal(verifier, foreign)).toBe('AUTH.CLAIMS_INVALID');
    expect(await refusal(verifier, foreign)).toBe('AUTH.CLAIMS_INVALID');
  });
});
