import { createSecretKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { INF_ROLES, PARTNER_ROLE } from '@ledger/contracts';
import { assert, LIMITS, Unauthorized, Unavailable } from '@ledger/kernel';

/** Shared between the requests that carry the same token: frozen. */
export interface VerifiedClaims {
  readonly actorId: string;
  readonly org: string;
  readonly roles: readonly string[];
}

export interface JwtVerifierOptions {
  /** HS256 shared secret. */
  secret: string | null;
  /** JWKS endpoint for RS256. */
  jwksUrl: string | null;
  /** Required `iss` when set: a token of another issuer sharing our key or JWKS is refused. */
  issuer?: string | null;
  /** Required in `aud` when set: a token the same issuer minted for another application is refused. */
  audience?: string | null;
  /** Longest accepted `exp - iat`; default LIMITS.http.jwtMaxLifetimeHoursDefault. */
  maxLifetimeSeconds?: number;
  /** Wall-clock milliseconds (tests move it); `exp`/`nbf` are wall-clock facts, not business time. */
  nowMs?: () => number;
}

/** A token whose signature and claims verified: reused until `exp` or the cache TTL, whichever is first. */
interface VerifiedToken {
  claims: VerifiedClaims;
  expSeconds: number;
  cachedUntilMs: number;
}

// Org ids end up in stream names (`<category>-<org>.<id>`), so they follow the stream-name charset.
const ORG_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const ACTOR_MAX_CHARS = 200;
// The partner role is known but not in INF_ROLES: routes open to every staff role stay closed to partners.
const KNOWN_ROLES = new Set<string>([...INF_ROLES, PARTNER_ROLE]);

/**
 * Verifies bearer tokens with pinned algorithms: HS256 with the shared secret, RS256 with keys
 * from the JWKS endpoint. Anything else — `none`, HS256 when only JWKS is configured, RS256 signed
 * with a key that is not in the set — is refused before the signature is even looked at.
 * `exp`, `iat` and `sub` are required; `exp` and `nbf` are checked with a small clock tolerance,
 * `iat` may not lie further ahead than that tolerance, and `exp - iat` may not exceed the maximum
 * lifetime: a leaked token of a misconfigured issuer (exp in year 3000) must still die. A token
 * without `iat` is refused, because its lifetime cannot be measured (docs/http-edge.md).
 * `iss`/`aud` are checked when configured.
 *
 * Every check runs before a token enters the cache, and none of them can turn false later for
 * the same token string: iss, aud and `exp - iat` are fixed by the signature, and an `iat` that
 * was not ahead of the clock stays behind it as time moves on. Only `exp` depends on the time,
 * and the cache re-checks it on every hit (ADR 0007).
 */
export class JwtVerifier {
  private readonly algorithms: string[];
  private readonly getKey: JWTVerifyGetKey;
  private readonly nowMs: () => number;
  private readonly issuer: string | undefined;
  private readonly audience: string | undefined;
  private readonly maxLifetimeSeconds: number;
  // Tills send the same token on every checkout: verifying it (HMAC or RSA, base64, JSON) cost ~80 µs
  // a request. Keyed by the whole token string, signature included, so only that exact token hits.
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(options: JwtVerifierOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    this.issuer = options.issuer ?? undefined;
    this.audience = options.audience ?? undefined;
    this.maxLifetimeSeconds = options.maxLifetimeSeconds ?? LIMITS.http.jwtMaxLifetimeHoursDefault * 3_600;
    assert(this.maxLifetimeSeconds > 0, 'the maximum token lifetime must be positive');
    assert(options.secret || options.jwksUrl, 'JwtVerifier needs an HS256 secret or a JWKS URL');
    // A KeyObject made once: given raw bytes, jose would build one on every verification.
    const secret: KeyObject | null = options.secret ? createSecretKey(Buffer.from(options.secret, 'utf8')) : null;
    const jwks = options.jwksUrl
      ? createRemoteJWKSet(new URL(options.jwksUrl), {
          timeoutDuration: LIMITS.http.jwksTimeoutMs,
          cacheMaxAge: LIMITS.http.jwksCacheMaxAgeMs,
        })
      : null;
    this.algorithms = [...(secret ? ['HS256'] : []), ...(jwks ? ['RS256'] : [])];
    this.getKey = async (header, token) => {
      // jose has already refused any alg outside `algorithms`; pick the key of the one it allowed.
      if (header.alg === 'HS256' && secret) return secret;
      if (header.alg === 'RS256' && jwks) return jwks(header, token);
      throw new errors.JOSEAlgNotAllowed(`"alg" ${String(header.alg)} not allowed`);
    };
  }

  async verify(token: string): Promise<VerifiedClaims> {
    const nowMs = this.nowMs();
    const cached = this.verified.get(token);
    if (cached !== undefined) {
      // jose's rule: expired once exp <= now - tolerance (whole seconds).
      if (cached.expSeconds <= Math.floor(nowMs / 1_000) - LIMITS.http.jwtClockToleranceSeconds) {
        this.verified.delete(token);
        throw new Unauthorized('AUTH.TOKEN_EXPIRED', 'The token has expired.');
      }
      if (nowMs < cached.cachedUntilMs) return cached.claims;
      this.verified.delete(token); // TTL over: verify again (a JWKS key may have been withdrawn)
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.getKey, {
        algorithms: this.algorithms,
        clockTolerance: LIMITS.http.jwtClockToleranceSeconds,
        currentDate: new Date(nowMs),
        requiredClaims: ['exp', 'sub', 'iat'],
        ...(this.issuer !== undefined ? { issuer: this.issuer } : {}),
        ...(this.audience !== undefined ? { audience: this.audience } : {}),
      }));
    } catch (error) {
      throw mapJoseError(error);
    }
    checkIssuedAt(payload.iat!, payload.exp!, nowMs, this.maxLifetimeSeconds);
    const claims = claimsOf(payload);
    this.remember(token, claims, payload.exp!, nowMs);
    return claims;
  }

  private remember(token: string, claims: VerifiedClaims, expSeconds: number, nowMs: number): void {
    if (this.verified.size >= LIMITS.http.verifiedTokenCacheEntries) {
      // Oldest first (Map keeps insertion order): a bounded cache, not an LRU; a miss only costs a verification.
      this.verified.delete(this.verified.keys().next().value!);
    }
    Object.freeze(claims.roles);
    this.verified.set(token, { claims: Object.freeze(claims), expSeconds, cachedUntilMs: nowMs + LIMITS.http.verifiedTokenCacheMs });
  }
}

function checkIssuedAt(iatSeconds: number, expSeconds: number, nowMs: number, maxLifetimeSeconds: number): void {
  if (iatSeconds > Math.floor(nowMs / 1_000) + LIMITS.http.jwtClockToleranceSeconds) {
    throw new Unauthorized('AUTH.TOKEN_ISSUED_IN_FUTURE', 'The token\'s "iat" lies in the future: check the issuer\'s clock.');
  }
  if (expSeconds - iatSeconds > maxLifetimeSeconds) {
    throw new Unauthorized('AUTH.TOKEN_LIFETIME_TOO_LONG', `The token lives longer than this service accepts ("exp" - "iat" at most ${maxLifetimeSeconds} s).`);
  }
}

function claimsOf(payload: JWTPayload): VerifiedClaims {
  const { sub, org, roles } = payload as JWTPayload & { org?: unknown; roles?: unknown };
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > ACTOR_MAX_CHARS) {
    throw new Unauthorized('AUTH.CLAIMS_INVALID', `The token's "sub" must be a non-empty string of at most ${ACTOR_MAX_CHARS} characters.`);
  }
  if (typeof org !== 'string' || !ORG_PATTERN.test(org)) {
    throw new Unauthorized('AUTH.CLAIMS_INVALID', 'The token needs an "org" claim of 1-64 letters, digits, "_" or "-".');
  }
  if (roles !== undefined && !(Array.isArray(roles) && roles.every((r) => typeof r === 'string'))) {
    throw new Unauthorized('AUTH.CLAIMS_INVALID', 'The token\'s "roles" claim must be an array of strings.');
  }
  // Tokens may carry roles of other applications; only this system's inf_* roles mean anything here.
  const known = ((roles as string[] | undefined) ?? []).filter((r) => KNOWN_ROLES.has(r));
  return { actorId: sub, org, roles: [...new Set(known)] };
}

function mapJoseError(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new Unauthorized('AUTH.TOKEN_EXPIRED', 'The token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return new Unauthorized('AUTH.TOKEN_NOT_YET_VALID', 'The token is not valid yet ("nbf" is in the future).');
    return new Unauthorized('AUTH.CLAIMS_INVALID', `The token's "${error.claim}" claim is missing or invalid.`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new Unauthorized('AUTH.ALGORITHM_NOT_ALLOWED', 'The token is signed with an algorithm this service does not accept.');
  if (error instanceof errors.JWSSignatureVerificationFailed) return new Unauthorized('AUTH.BAD_SIGNATURE', 'The token signature does not verify.');
  if (error instanceof errors.JWKSTimeout) return new Unavailable('AUTH.JWKS_UNAVAILABLE', 'The signing keys could not be fetched in time.', 5);
  if (error instanceof errors.JWKSNoMatchingKey) return new Unauthorized('AUTH.BAD_SIGNATURE', 'No signing key matches the token.');
  if (error instanceof errors.JOSEError) return new Unauthorized('AUTH.TOKEN_INVALID', 'The bearer token is malformed or unsupported.');
  // The JWKS endpoint could not be reached (ECONNREFUSED, ENOTFOUND, ...): our problem, not the caller's token.
  const systemCode = (error as { code?: unknown }).code;
  if (typeof systemCode === 'string' && /^E[A-Z]+$/.test(systemCode)) return new Unavailable('AUTH.JWKS_UNAVAILABLE', 'The signing keys could not be fetched.', 5);
  return error instanceof Error ? error : new Error(String(error));
}
