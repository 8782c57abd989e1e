// Proves the environment is parsed with the documented defaults and every bad variable is reported at once.
import { ConfigError, loadConfig, redactUrl } from './load-config';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      databaseUrl: null,
      dataDir: './.data',
      eventStore: 'postgres',
      eventStoreDbUrl: null,
      auth: { jwtSecret: null, jwksUrl: null, issuer: null, audience: null, maxLifetimeHours: 24 },
      trustProxy: false,
      shareLinkSecret: null,
      metricsToken: null,
      nats: { url: null, subject: 'scm.orders.>' },
      logLevel: 'info',
      publicBaseUrl: null,
      touchFlush: { windowMs: 20, maxBatchTouches: 500 },
      payouts: { stripeSecretKey: null, stripeWebhookSecret: null, stripeApiBase: null, providerTimeoutMs: null },
    });
  });

  it('reads the payout providers\' settings and refuses a bad timeout or base URL', () => {
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_API_BASE: 'http://127.0.0.1:12111', PAYOUT_PROVIDER_TIMEOUT_MS: '250' }).payouts).toEqual({
      stripeSecretKey: 'sk_x', stripeWebhookSecret: 'whsec_x', stripeApiBase: 'http://127.0.0.1:12111', providerTimeoutMs: 250,
    });
    const bad = () => loadConfig({ PAYOUT_PROVIDER_TIMEOUT_MS: 'soon', STRIPE_API_BASE: 'ftp://x' });
    expect(bad).toThrow(/PAYOUT_PROVIDER_TIMEOUT_MS/);
    expect(bad).toThrow(/STRIPE_API_BASE/);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/ledger',
      EVENT_STORE: 'eventstoredb',
      EVENTSTOREDB_URL: 'esdb://localhost:2113?tls=false',
      AUTH_JWT_SECRET: 'x'.repeat(32),
      AUTH_JWKS_URL: 'https://issuer.example/.well-known/jwks.json',
      NATS_URL: 'nats://localhost:4222',
      NATS_SUBJECT: 'scm.orders.>',
      LOG_LEVEL: 'DEBUG',
      PUBLIC_BASE_URL: 'https://shop.example/',
      AUTH_JWT_ISSUER: 'https://issuer.example/',
      AUTH_JWT_AUDIENCE: 'ledger',
      AUTH_JWT_MAX_LIFETIME_HOURS: '8',
      SHARE_LINK_SECRET: 's'.repeat(32),
      TRUST_PROXY: 'loopback, 10.0.0.0/8',
      METRICS_TOKEN: 'm'.repeat(32),
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u:p@db:5432/ledger',
      eventStore: 'eventstoredb',
      eventStoreDbUrl: 'esdb://localhost:2113?tls=false',
      auth: { jwtSecret: 'x'.repeat(32), jwksUrl: 'https://issuer.example/.well-known/jwks.json', issuer: 'https://issuer.example/', audience: 'ledger', maxLifetimeHours: 8 },
      shareLinkSecret: 's'.repeat(32),
      metricsToken: 'm'.repeat(32),
      trustProxy: 'loopback, 10.0.0.0/8',
      nats: { url: 'nats://localhost:4222', subject: 'scm.orders.>' },
      logLevel: 'debug',
      publicBaseUrl: 'https://shop.example',
    });
  });

  it('lists every problem in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', EVENT_STORE: 'eventstoredb', AUTH_JWT_SECRET: 'short', LOG_LEVEL: 'loud', AUTH_JWT_MAX_LIFETIME_HOURS: '0', METRICS_TOKEN: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT:/m);
    expect(problems).toMatch(/^DATABASE_URL: scheme must be one of postgres, postgresql/m);
    expect(problems).toMatch(/^EVENTSTOREDB_URL: required when EVENT_STORE=eventstoredb/m);
    expect(problems).toMatch(/^AUTH_JWT_SECRET: must be at least 32 bytes/m);
    expect(problems).toMatch(/^LOG_LEVEL: must be one of/m);
    expect(problems).toMatch(/^AUTH_JWT_MAX_LIFETIME_HOURS: must be a number of hours/m);
    expect(problems).toMatch(/^METRICS_TOKEN: must be at least 32 bytes/m);
    expect((error as ConfigError).problems).toHaveLength(7);
  });

  it('masks passwords in URLs it logs', () => {
    expect(redactUrl('postgres://u:secret@h:5432/db')).toBe('postgres://u:***@h:5432/db');
  });
});
