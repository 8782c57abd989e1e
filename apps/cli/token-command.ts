// `npm run cli -- token --sub <actor> --org <org> --roles <r1,r2> [--hours <h>]`: signs an HS256 bearer
// token with AUTH_JWT_SECRET (and AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE when set), e.g. the machine
// token of an SCM bridge: --roles inf_integration. Only for deployments that verify with the
// shared secret; with AUTH_JWKS_URL, tokens come from that issuer.
import { parseArgs } from 'node:util';
import { TOKEN_ROLES } from '@ledger/contracts';
import { loadConfig } from '@ledger/config';
import { issueHs256Token } from '@ledger/http';
import type { CliIo } from './cli-io';

export const TOKEN_USAGE = 'npm run cli -- token --sub <actor> --org <org> --roles <role,...> [--hours <h>]   (needs AUTH_JWT_SECRET)';

/** Prints the token on `out`; returns the exit code (2 for usage or configuration problems). */
export async function runTokenCommand(args: readonly string[], env: Record<string, string | undefined>, io: CliIo, nowSeconds = Math.floor(Date.now() / 1000)): Promise<number> {
  let values: { sub?: string; org?: string; roles?: string; hours?: string };
  try {
    ({ values } = parseArgs({ args: [...args], options: { sub: { type: 'string' }, org: { type: 'string' }, roles: { type: 'string' }, hours: { type: 'string' } }, strict: true }));
  } catch (error) {
    return fail(io, error instanceof Error ? error.message : String(error));
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    return fail(io, error instanceof Error ? error.message : String(error));
  }
  if (!config.auth.jwtSecret) return fail(io, 'AUTH_JWT_SECRET is required: the token is signed with the secret the server verifies with');
  if (!values.sub || !values.org) return fail(io, '--sub and --org are required');
  const roles = (values.roles ?? '').split(',').map((r) => r.trim()).filter((r) => r.length > 0);
  const unknown = roles.filter((r) => !(TOKEN_ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) return fail(io, `unknown roles: ${unknown.join(', ')} (known: ${TOKEN_ROLES.join(', ')})`);
  const hours = values.hours === undefined ? config.auth.maxLifetimeHours : Number(values.hours);
  // The server refuses a longer-lived token anyway; saying so here beats a 401 later.
  if (!(hours > 0) || hours > config.auth.maxLifetimeHours) return fail(io, `--hours must be above 0 and at most AUTH_JWT_MAX_LIFETIME_HOURS (${config.auth.maxLifetimeHours})`);
  const token = await issueHs256Token(config.auth.jwtSecret, {
    sub: values.sub,
    org: values.org,
    roles,
    iat: nowSeconds,
    exp: nowSeconds + Math.floor(hours * 3_600),
    ...(config.auth.issuer ? { iss: config.auth.issuer } : {}),
    ...(config.auth.audience ? { aud: config.auth.audience } : {}),
  });
  io.out(token);
  return 0;
}

function fail(io: CliIo, problem: string): number {
  io.err(problem);
  io.err(`usage: ${TOKEN_USAGE}`);
  return 2;
}
