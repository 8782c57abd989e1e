import { SignJWT } from 'jose';
import { INF_ROLES } from '@ledger/contracts';
import { LIMITS } from '@ledger/kernel';

export interface TokenClaims {
  sub: string;
  org: string;
  roles?: string[];
  /** Seconds since epoch; default now + LIMITS.http.demoTokenTtlHours. */
  exp?: number;
  nbf?: number;
  iat?: number;
  [claim: string]: unknown;
}

/** Signs an HS256 token: the demo owner token printed at start-up and the tokens of e2e tests. */
export async function issueHs256Token(secret: string, claims: TokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const { exp, nbf, iat, ...rest } = claims;
  const jwt = new SignJWT(rest).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt(iat ?? now).setExpirationTime(exp ?? now + LIMITS.http.demoTokenTtlHours * 3600);
  if (nbf !== undefined) jwt.setNotBefore(nbf);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** The demo org's owner: every inf_* role, so every endpoint can be tried with one token. */
export const DEMO_OWNER_CLAIMS: TokenClaims = { sub: 'demo-owner', org: 'demo', roles: [...INF_ROLES] };
