// Proves the printed demo token passes the checks the server applies to it: issuer, audience, iat and lifetime.
import { JwtVerifier } from '@ledger/http';
import { startupBanner } from './banner';
import { DEMO_TOKEN_AUDIENCE, DEMO_TOKEN_ISSUER } from './runtime';

it('prints a demo token for the generated issuer and audience, within the maximum lifetime', async () => {
  const secret = 'generated-secret-0123456789abcdef0123456789';
  const banner = await startupBanner({ port: 3000, generatedSecret: secret, issuer: DEMO_TOKEN_ISSUER, audience: DEMO_TOKEN_AUDIENCE });
  const token = /export TOKEN=(\S+)/.exec(banner)![1]!;
  const verifier = new JwtVerifier({ secret, jwksUrl: null, issuer: DEMO_TOKEN_ISSUER, audience: DEMO_TOKEN_AUDIENCE });
  await expect(verifier.verify(token)).resolves.toMatchObject({ actorId: 'demo-owner', org: 'demo' });
  const elsewhere = new JwtVerifier({ secret, jwksUrl: null, audience: 'another-app' });
  await expect(elsewhere.verify(token)).rejects.toMatchObject({ code: 'AUTH.CLAIMS_INVALID' });
});
