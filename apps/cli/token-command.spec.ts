// Proves the token CLI: it signs what the server verifies (secret, iss, aud, lifetime) and refuses unknown roles or a lifetime the server would refuse.
import { JwtVerifier } from '@ledger/http';
import { runTokenCommand } from './token-command';

const SECRET = 'cli-test-secret-0123456789abcdef0123456789';
const env = { AUTH_JWT_SECRET: SECRET, AUTH_JWT_ISSUER: 'urn:ledger:prod', AUTH_JWT_AUDIENCE: 'urn:ledger:api' };

async function run(args: string[], environment: Record<string, string> = env) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTokenCommand(args, environment, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}

it('mints an inf_integration token the server accepts', async () => {
  const { code, out } = await run(['--sub', 'scm-bridge', '--org', 'acme', '--roles', 'inf_integration', '--hours', '12']);
  expect(code).toBe(0);
  const verifier = new JwtVerifier({ secret: SECRET, jwksUrl: null, issuer: env.AUTH_JWT_ISSUER, audience: env.AUTH_JWT_AUDIENCE });
  await expect(verifier.verify(out[0]!)).resolves.toEqual({ actorId: 'scm-bridge', org: 'acme', roles: ['inf_integration'] });
});

it.each([
  [['--sub', 's', '--org', 'acme', '--roles', 'inf_root'], /unknown roles: inf_root/],
  [['--sub', 's', '--org', 'acme', '--hours', '25'], /--hours must be above 0 and at most AUTH_JWT_MAX_LIFETIME_HOURS \(24\)/],
  [['--org', 'acme'], /--sub and --org are required/],
  [['--bogus'], /Unknown option/],
])('exits 2 with usage for %j', async (args, message) => {
  const { code, err } = await run(args);
  expect(code).toBe(2);
  expect(err).toMatch(message);
  expect(err).toMatch(/usage: npm run cli -- token/);
});

it('needs AUTH_JWT_SECRET', async () => {
  expect((await run(['--sub', 's', '--org', 'acme'], {})).err).toMatch(/AUTH_JWT_SECRET is required/);
});
