import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is asking, in which role, on whose behalf — one per HTTP request. Created by the
 * context middleware (correlation id) and completed by the auth guard (org, actor, roles),
 * then visible everywhere below through AsyncLocalStorage: handlers (`@Ctx()`), the logger
 * (correlation id on every line) and event metadata.
 */
export interface RequestContext {
  correlationId: string;
  /** Tenant; always from the verified token, never from the body. Empty on public routes. */
  org: string;
  /** Token `sub`. Empty on public routes. */
  actorId: string;
  /** Effective roles: token roles ∪ active grants (EFFECTIVE_ROLES). */
  roles: string[];
  /** Roles carried by the token itself. */
  tokenRoles: string[];
  /** `X-Actor-Role`, checked to be among `roles`. */
  actingRole?: string;
  /** `X-Cost-Centre`, recorded in event metadata. */
  costCentre?: string;
  /** `Idempotency-Key`, when the caller sent one. */
  idempotencyKey?: string;
  /** Set by the idempotency guard when this request owns its key; taken by whoever writes the answer. */
  idempotencyClaim?: IdempotencyClaim;
  /**
   * Set when a partner-facing token (inf_partner, no staff role) calls a @PartnerScoped route: the
   * influencer the request is confined to (the token's sub) and the row column naming the influencer.
   * Queries filter on it (partnerRows in @ledger/http); absent for every other caller.
   */
  partner?: { influencerId: string; rowColumn?: string };
  authenticated: boolean;
  /** performance.now() at arrival, for the request log. */
  startedAt: number;
}

/** The owner of an Idempotency-Key records the answer (or releases the key for a 5xx) before sending it. */
export interface IdempotencyClaim {
  /** Never rejects. */
  settle(status: number, body: unknown): Promise<void>;
}

/** Hands the request's claim, if any, to the writer of its answer — once. */
export function takeIdempotencyClaim(ctx: RequestContext | undefined): IdempotencyClaim | undefined {
  const claim = ctx?.idempotencyClaim;
  if (ctx) ctx.idempotencyClaim = undefined;
  return claim;
}

/** An authenticated context: what `@Ctx()` hands to handlers of non-public routes. */
export type AuthenticatedContext = RequestContext & { authenticated: true };

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request's context, or undefined outside a request (workers, start-up). */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Where the context hangs on the raw request, for code that runs before/outside the ALS scope (body-parser errors). */
export const CONTEXT_ON_REQUEST = Symbol('ledgerRequestContext');

export interface RequestWithContext {
  [CONTEXT_ON_REQUEST]?: RequestContext;
}

export function contextOf(req: unknown): RequestContext | undefined {
  return (req as RequestWithContext | undefined)?.[CONTEXT_ON_REQUEST];
}
