import { LIMITS } from '@ledger/kernel';
import { CONFIG_DEFAULTS, EVENT_STORE_KINDS, LOG_LEVELS, MIN_JWT_SECRET_BYTES, MIN_METRICS_TOKEN_BYTES, type AppConfig, type EventStoreKind, type LogLevel } from './app-config';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: string): string | null => {
    const value = env[name]?.trim();
    return value ? value : null;
  };

  const port = parsePort(read('PORT'), problems);
  const databaseUrl = parseUrl('DATABASE_URL', read('DATABASE_URL'), ['postgres:', 'postgresql:'], problems);
  const eventStore = parseEnum<EventStoreKind>('EVENT_STORE', read('EVENT_STORE'), EVENT_STORE_KINDS, CONFIG_DEFAULTS.eventStore, problems);
  const eventStoreDbUrl = parseUrl('EVENTSTOREDB_URL', read('EVENTSTOREDB_URL'), ['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrentdb+discover:'], problems);
  if (eventStore === 'eventstoredb' && !eventStoreDbUrl && !problems.some((p) => p.startsWith('EVENTSTOREDB_URL'))) {
    problems.push('EVENTSTOREDB_URL: required when EVENT_STORE=eventstoredb (e.g. esdb://localhost:2113?tls=false)');
  }

  const jwtSecret = read('AUTH_JWT_SECRET');
  if (jwtSecret !== null && Buffer.byteLength(jwtSecret, 'utf8') < MIN_JWT_SECRET_BYTES) {
    problems.push(`AUTH_JWT_SECRET: must be at least ${MIN_JWT_SECRET_BYTES} bytes for HS256 (got ${Buffer.byteLength(jwtSecret, 'utf8')})`);
  }
  const jwksUrl = parseUrl('AUTH_JWKS_URL', read('AUTH_JWKS_URL'), ['https:', 'http:'], problems);
  const issuer = read('AUTH_JWT_ISSUER');
  const audience = read('AUTH_JWT_AUDIENCE');
  const maxLifetimeHours = parseMaxLifetimeHours(read('AUTH_JWT_MAX_LIFETIME_HOURS'), problems);
  const trustProxy = parseTrustProxy(read('TRUST_PROXY'), problems);
  const shareLinkSecret = read('SHARE_LINK_SECRET');
  if (shareLinkSecret !== null && Buffer.byteLength(shareLinkSecret, 'utf8') < MIN_JWT_SECRET_BYTES) {
    problems.push(`SHARE_LINK_SECRET: must be at least ${MIN_JWT_SECRET_BYTES} bytes (got ${Buffer.byteLength(shareLinkSecret, 'utf8')})`);
  }

  const metricsToken = read('METRICS_TOKEN');
  if (metricsToken !== null && Buffer.byteLength(metricsToken, 'utf8') < MIN_METRICS_TOKEN_BYTES) {
    problems.push(`METRICS_TOKEN: must be at least ${MIN_METRICS_TOKEN_BYTES} bytes (got ${Buffer.byteLength(metricsToken, 'utf8')})`);
  }
  if (metricsToken !== null && !/^[\x21-\x7e]+$/.test(metricsToken)) {
    problems.push('METRICS_TOKEN: printable ASCII without spaces only (it travels as a bearer token)');
  }

  const natsUrl = parseUrl('NATS_URL', read('NATS_URL'), ['nats:', 'tls:', 'ws:', 'wss:'], problems);
  const natsSubject = read('NATS_SUBJECT') ?? CONFIG_DEFAULTS.natsSubject;
  if (!/^[A-Za-z0-9_$>*-]+(\.[A-Za-z0-9_$>*-]+)*$/.test(natsSubject)) {
    problems.push(`NATS_SUBJECT: not a valid NATS subject: '${natsSubject}'`);
  }

  const logLevel = parseEnum<LogLevel>('LOG_LEVEL', read('LOG_LEVEL')?.toLowerCase() ?? null, LOG_LEVELS, CONFIG_DEFAULTS.logLevel, problems);
  const dataDir = read('DATA_DIR') ?? CONFIG_DEFAULTS.dataDir;
  const publicBaseUrl = parseUrl('PUBLIC_BASE_URL', read('PUBLIC_BASE_URL'), ['https:', 'http:'], problems)?.replace(/\/+$/, '') ?? null;

  const touchFlush = {
    windowMs: parseBoundedInteger('TOUCH_FLUSH_WINDOW_MS', read('TOUCH_FLUSH_WINDOW_MS'), 1, LIMITS.checkout.touchFlushWindowMsMax, LIMITS.checkout.touchFlushWindowMs, problems),
    maxBatchTouches: parseBoundedInteger('TOUCH_FLUSH_MAX_BATCH', read('TOUCH_FLUSH_MAX_BATCH'), 1, LIMITS.checkout.touchFlushMaxBatch, LIMITS.checkout.touchFlushMaxBatch, problems),
  };
  const stripeApiBase = parseUrl('STRIPE_API_BASE', read('STRIPE_API_BASE'), ['https:', 'http:'], problems);
  const providerTimeoutRaw = read('PAYOUT_PROVIDER_TIMEOUT_MS');
  const providerTimeoutMs = providerTimeoutRaw === null ? null : Number(providerTimeoutRaw);
  if (providerTimeoutMs !== null && !(Number.isSafeInteger(providerTimeoutMs) && providerTimeoutMs >= 1 && providerTimeoutMs <= 600_000)) {
    problems.push('PAYOUT_PROVIDER_TIMEOUT_MS: an integer of milliseconds from 1 to 600000');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    databaseUrl,
    dataDir,
    eventStore,
    eventStoreDbUrl,
    auth: { jwtSecret, jwksUrl, issuer, audience, maxLifetimeHours },
    trustProxy,
    shareLinkSecret,
    metricsToken,
    nats: { url: natsUrl, subject: natsSubject },
    logLevel,
    publicBaseUrl,
    touchFlush,
    payouts: { stripeSecretKey: read('STRIPE_SECRET_KEY'), stripeWebhookSecret: read('STRIPE_WEBHOOK_SECRET'), stripeApiBase, providerTimeoutMs },
  };
}

function parseBoundedInteger(name: string, raw: string | null, min: number, max: number, fallback: number, problems: string[]): number {
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(`${name}: must be an integer from ${min} to ${max}, got '${raw}'`);
    return fallback;
  }
  return value;
}

function parsePort(raw: string | null, problems: string[]): number {
  if (raw === null) return CONFIG_DEFAULTS.port;
  const port = Number(raw);
  // 0 asks the OS for a free port (tests); anything else must be a real TCP port.
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port < 0 || port > 65_535) {
    problems.push(`PORT: must be an integer from 0 to 65535, got '${raw}'`);
    return CONFIG_DEFAULTS.port;
  }
  return port;
}

/** Express's forms: true/false, a hop count, or addresses/subnets/names (loopback, uniquelocal) separated by commas. */
function parseTrustProxy(raw: string | null, problems: string[]): boolean | number | string {
  if (raw === null || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^[A-Za-z0-9.:/,\s]+$/.test(raw)) return raw;
  problems.push(`TRUST_PROXY: must be true, false, a hop count, or addresses/subnets separated by commas, got '${raw}'`);
  return false;
}

function parseMaxLifetimeHours(raw: string | null, problems: string[]): number {
  if (raw === null) return LIMITS.http.jwtMaxLifetimeHoursDefault;
  const hours = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(hours > 0) || hours > LIMITS.http.jwtMaxLifetimeHoursMax) {
    problems.push(`AUTH_JWT_MAX_LIFETIME_HOURS: must be a number of hours above 0 and at most ${LIMITS.http.jwtMaxLifetimeHoursMax}, got '${raw}'`);
    return LIMITS.http.jwtMaxLifetimeHoursDefault;
  }
  return hours;
}

function parseUrl(name: string, raw: string | null, protocols: readonly string[], problems: string[]): string | null {
  if (raw === null) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${name}: not a valid URL`);
    return null;
  }
  if (!protocols.includes(url.protocol)) {
    problems.push(`${name}: scheme must be one of ${protocols.map((p) => p.replace(/:$/, '')).join(', ')}, got '${url.protocol.replace(/:$/, '')}'`);
    return null;
  }
  return raw;
}

function parseEnum<T extends string>(name: string, raw: string | null, allowed: readonly T[], fallback: T, problems: string[]): T {
  if (raw === null) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name}: must be one of ${allowed.join(', ')}, got '${raw}'`);
  return fallback;
}

/** A URL with the password masked, for start-up logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}
