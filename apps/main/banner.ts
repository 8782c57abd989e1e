import { DEMO_OWNER_CLAIMS, issueHs256Token } from '@ledger/http';
import { LIMITS } from '@ledger/kernel';

/**
 * Printed once the server listens, in plain text for the human at the terminal. With a
 * generated secret it includes a ready owner token for the demo org and a curl to try it.
 */
export async function startupBanner(options: { port: number; generatedSecret: string | null; issuer?: string | null; audience?: string | null }): Promise<string> {
  const base = `http://localhost:${options.port}`;
  const lines = ['', `Ledger is up: ${base}   health ${base}/health   docs ${base}/docs`];
  if (options.generatedSecret) {
    const token = await issueHs256Token(options.generatedSecret, {
      ...DEMO_OWNER_CLAIMS,
      ...(options.issuer ? { iss: options.issuer } : {}),
      ...(options.audience ? { aud: options.audience } : {}),
    });
    lines.push(
      '',
      'AUTH_JWT_SECRET is unset: a random secret was generated for this run (tokens stop working on restart).',
      `Demo owner token (sub ${DEMO_OWNER_CLAIMS.sub}, org ${DEMO_OWNER_CLAIMS.org}, every inf_* role, ${LIMITS.http.demoTokenTtlHours} h):`,
      '',
      `  export TOKEN=${token}`,
      `  curl -s -X POST ${base}/influencer/whoami -H "Authorization: Bearer $TOKEN"`,
      '',
    );
  }
  return lines.join('\n');
}
