// The process configuration, read once from the environment at start-up and validated as a
// whole: every bad variable is reported together, so an operator fixes them in one go.

export const EVENT_STORE_KINDS = ['postgres', 'eventstoredb'] as const;
export type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AuthConfig {
  /** HS256 shared secret; null when unset (start-up then generates one and prints a demo token). */
  jwtSecret: string | null;
  /** JWKS endpoint for RS256 tokens; null when unset. */
  jwksUrl: string | null;
  /** Required `iss` of tokens; null: not checked (start-up sets one with a generated secret). */
  issuer: string | null;
  /** Required `aud` of tokens; null: not checked (start-up sets one with a generated secret). */
  audience: string | null;
  /** Longest accepted `exp - iat`, hours. */
  maxLifetimeHours: number;
}

export interface AppConfig {
  port: number;
  /** PostgreSQL for read models (and the event store when `eventStore` is postgres); null: embedded. */
  databaseUrl: string | null;
  /** Where the embedded PostgreSQL keeps its cluster (`<dataDir>/pg`). */
  dataDir: string;
  eventStore: EventStoreKind;
  eventStoreDbUrl: string | null;
  auth: AuthConfig;
  nats: { url: string | null; subject: string };
  logLevel: LogLevel;
  /**
   * Express's `trust proxy` (TRUST_PROXY): which hops' X-Forwarded-For to believe for the client
   * address (share-link rate limits per address). false: the socket's peer.
   */
  trustProxy: boolean | number | string;
  /** HMAC-SHA256 key that signs share-link `cid`s (ADR 0011); null: start-up generates one per process. */
  shareLinkSecret: string | null;
  /**
   * METRICS_TOKEN: when set, /metrics needs `Authorization: Bearer <it>`, and it also unlocks /health details (for a
   * scraper or probe that holds no JWT). null: /metrics is public; /health details need an auditor/admin/owner JWT.
   */
  metricsToken: string | null;
  /** Public origin of share links (`<publicBaseUrl>/r/<CODE>`), no trailing slash; null: http://localhost:<port>. */
  publicBaseUrl: string | null;
  /**
   * The touch emitter's flush window and batch (ADR 0016): TOUCH_FLUSH_WINDOW_MS, TOUCH_FLUSH_MAX_BATCH; defaults
   * LIMITS.checkout.touchFlushWindowMs / touchFlushMaxBatch. A longer window trades durability for fewer commits.
   */
  touchFlush: { windowMs: number; maxBatchTouches: number };
  /**
   * Payout providers (issue 10): STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE (a local fake Stripe in tests;
   * null: api.stripe.com) and PAYOUT_PROVIDER_TIMEOUT_MS (a provider call slower than this is a `provider_timeout`).
   */
  payouts: { stripeSecretKey: string | null; stripeWebhookSecret: string | null; stripeApiBase: string | null; providerTimeoutMs: number | null };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export const CONFIG_DEFAULTS = {
  port: 3000,
  dataDir: './.data',
  eventStore: 'postgres' as EventStoreKind,
  natsSubject: 'scm.orders.>',
  logLevel: 'info' as LogLevel,
} as const;

/** HS256 needs a key at least as long as the hash output (RFC 7518 §3.2): 256 bits. */
export const MIN_JWT_SECRET_BYTES = 32;

/** A static bearer credential: long enough that guessing it over HTTP is hopeless. */
export const MIN_METRICS_TOKEN_BYTES = 32;
