/**
 * The PostgreSQL read-model database (Kysely<any>; inject with your own table types:
 * `@Inject(DATABASE) private readonly db: Kysely<LedgerTables>`). The event store, projection
 * progress, clock and config use the tokens of their own libs: EVENT_STORE, PROJECTION_PROGRESS,
 * CLOCK, APP_CONFIG. Logger and Metrics are injected by class.
 */
export const DATABASE = Symbol('DATABASE');

/**
 * The projections' progress (a ReadModelProgress), as the edge injects it (X-Consistency-Position,
 * /health, /metrics). It is the same object the app also provides as PROJECTION_PROGRESS; the edge
 * has its own token because this lib does not depend on @ledger/projections: that lib's registry
 * imports every capability, and every capability imports this lib (a load-order cycle otherwise).
 */
export const READ_MODEL_PROGRESS = Symbol('READ_MODEL_PROGRESS');
