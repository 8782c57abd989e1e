// Every limit of the system, in one place (TigerStyle: put a limit on everything).
export const LIMITS = {
  http: {
    bodyBytes: 1_000_000,
    ndjsonBodyBytes: 10_000_000,
    ndjsonLines: 10_000,
    pageSizeDefault: 50,
    pageSizeMax: 500,
    consistencyWaitMs: 5_000,
    idempotencyKeyChars: 200,
  },
  eventStore: {
    appendBatchEvents: 10_000,
    readBatchEvents: 1_000,
    streamReadMaxEvents: 100_000,
    followPollMs: 200,
    wrongExpectedVersionRetries: 5,
    statementTimeoutMs: 30_000,
    idleInTransactionTimeoutMs: 60_000,
  },
  projections: {
    batchEvents: 500,
    idlePollMs: 100,
    rebuildBatchEvents: 2_000,
  },
  ledger: {
    modificationsPerEarning: 1_000,
    releaseDueBatch: 1_000,
  },
  attribution: {
    touchesPerCustomer: 1_000,
    windowDaysMax: 365,
  },
  domain: {
    nameChars: 200,
    codeChars: 64,
    orderLines: 1_000,
    campaignTiers: 50,
    referralLevels: 5,
    moneyMinorMax: 1_000_000_000_000, // 10^12 minor units: fits comfortably in a JS safe integer sum
  },
} as const;
