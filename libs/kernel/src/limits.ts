// Every limit of the system, in one place (TigerStyle: put a limit on everything).
import { instantFromEnv } from './limit-overrides';

export const LIMITS = {
  http: {
    bodyBytes: 1_000_000,
    /** Levels of arrays/objects a JSON body (or an NDJSON line) may nest; no request needs more, and walks stay shallow. */
    jsonNestingLevels: 32,
    /** Field problems one answer lists for bad text in a body; a body with more is refused all the same. */
    textProblemsListed: 100,
    ndjsonBodyBytes: 10_000_000,
    ndjsonLines: 10_000,
    pageSizeDefault: 50,
    pageSizeMax: 500,
    consistencyWaitMs: 5_000,
    idempotencyKeyChars: 200,
    /** A second request with a key whose first request is still running waits this long, then 409. */
    idempotencyInProgressWaitMs: 2_000,
    idempotencyPollMs: 50,
    /** A 'pending' idempotency row older than this belongs to a crashed request and may be taken over. */
    idempotencyPendingStaleMs: 120_000,
    idempotencyRetentionHours: 72,
    idempotencyPurgeEveryMinutes: 60,
    idempotencyPurgeBatchRows: 10_000,
    correlationIdChars: 128,
    costCentreChars: 64,
    actorRoleChars: 64,
    /** Allowed clock skew between token issuer and us for `exp`/`nbf`. */
    jwtClockToleranceSeconds: 5,
    /** Longest `exp - iat` of an accepted token unless AUTH_JWT_MAX_LIFETIME_HOURS says otherwise (hours). */
    jwtMaxLifetimeHoursDefault: 24,
    /** AUTH_JWT_MAX_LIFETIME_HOURS may not exceed this (hours; 30 days). */
    jwtMaxLifetimeHoursMax: 720,
    jwksTimeoutMs: 5_000,
    /** Verified bearer tokens kept (by exact token string), and for how long at most (also never past `exp`). */
    verifiedTokenCacheEntries: 10_000,
    verifiedTokenCacheMs: 60_000,
    jwksCacheMaxAgeMs: 600_000,
    demoTokenTtlHours: 24,
    healthCheckTimeoutMs: 2_000,
    /** /health computes its status at most once per this many ms; every caller in between shares the result (anonymous callers cannot multiply its queries). */
    healthCacheMs: 1_000,
    /** /metrics samples transaction ages (one pg_stat_activity query) at most this often, ms. */
    transactionAgeSampleMs: 1_000,
    shutdownGraceMs: 10_000,
    /**
     * An idle keep-alive connection is closed by the server after this (Node's default is 5 s). It must exceed the
     * idle timeout of every client and load balancer in front (ALB: 60 s): otherwise the server closes a socket just as
     * the client sends on it, and that request fails with a reset (ADR 0016, "No failed checkout").
     */
    keepAliveTimeoutMs: 65_000,
  },
  embeddedPostgres: {
    /** initdb plus the server's start: a first run on a slow disk takes seconds, never minutes. */
    startTimeoutMs: 120_000,
    /** The server's fast shutdown (SIGINT); past it, SIGKILL. */
    stopTimeoutMs: 10_000,
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
    batchEvents: 2_000, // bounded; 2,000 a transaction measured faster than 500 end to end (docs/performance.md, Ingest)
    idlePollMs: 100,
    // A projection whose filter matched nothing advances in memory and persists that move only
    // with its next real batch, or once it is this far ahead of the table (events, or ms since
    // the table's checkpoint last moved): the bound on how stale projection_checkpoint may look
    // while traffic flows (read-your-writes does not wait for it) ...
    idlePersistEvents: 5_000,
    idlePersistMs: 1_000,
    // ... or once the head has not moved for this long: after traffic stops the table shows
    // the head soon (tools and tests that read it), without a commit per sparse event.
    idlePersistQuietMs: 250,
    // When every running projection is within this many events of the head, the runner reads
    // them once per poll for all (unfiltered) instead of one filtered read per projection.
    sharedReadEvents: 500,
    rebuildBatchEvents: 2_000,
    retryBackoffMaxMs: 30_000, // a failing projection retries at most this far apart, forever
    lagCountMaxEvents: 1_000, // status() counts lag up to here (one bounded read; "at least N" beyond)
    pauseWaitMs: 60_000, // rebuild/verify wait this long for the live instance to yield its lock
    checksumTimeoutMs: 600_000, // statement timeout of one per-table checksum (full scan)
    waitForPollMs: 50, // read-your-writes: how often waiters re-read checkpoints (shared poll)
  },
  parking: {
    /** Parked rows one retry pass of a consumer takes (oldest first); the next poll takes the rest. */
    retryRowsPerPass: 500,
    /** `parked list` page: default and maximum rows. */
    listPageSizeDefault: 50,
    listPageSizeMax: 500,
    /** Stored error text (message, or a refusal's detail), characters; the rest is cut. */
    errorChars: 2_000,
    skipReasonChars: 500,
    /** Consumers whose parked counts one /health, /metrics or status read reports. */
    consumersShown: 100,
  },
  ledger: {
    /** Manual/fraud holds, early releases and fraud clawbacks of one earning (each is an event on its stream). */
    modificationsPerEarning: 1_000,
    /**
     * Events an earning stream can hold (ADR 0009): accrual, period hold, due release (3), modifications,
     * return clawbacks (one per return: orders.returnsPerOrder) and the cancellation's, and payments (one per
     * clawback after payment, plus the first), and payout locks (EarningFinalized, then EarningPaid or EarningUnfinalized,
     * and EarningPaymentReturned: payouts.locksPerEarning times). Nothing reads more of a ledger stream than this.
     */
    earningStreamEventsMax: 3 + 1_000 + (1_000 + 1) + (1_000 + 1 + 1) + 3 * 100 /* payouts.locksPerEarning: locked, paid or unlocked, returned */,
    /** Earning streams read in one round trip: at most earningStreamEventsMax each, within eventStore.streamReadMaxEvents. */
    earningStreamsPerRead: 30,
    /** Earning streams one ledger command decides on and appends to at once (one appendMany). */
    earningStreamsPerCommand: 500,
    releaseDueBatch: 1_000,
    /** Order events per batch of the attribution & earnings process manager. */
    attributionBatchEvents: 1_000,
    /**
     * Earning streams and month tallies (streams) the process manager carries from one batch to the next,
     * so a return's clawback does not read back the accrual it appended a batch before; ~1 KB each.
     */
    attributionCarriedStreams: 20_000,
    /** The process manager flushes its queued appends once this many events are queued. */
    attributionAppendEvents: 1_000,
    /** How long a batch waits for the program catalog to reach the batch's last event. */
    catalogWaitMs: 10_000,
    /** A failing process-manager batch retries with doubling pauses up to this (earnings wait on it). */
    attributionRetryMaxMs: 5_000,
    /** The release-due scheduler's period (business effect comes from the clock, not from this). */
    releaseDueEveryMs: 60_000,
    /** Earnings one release-due run decides on (pages of releaseDueBatch from the read model); the next run takes the rest. */
    releaseDueEarningsPerRun: 20_000,
    /** Earnings one earning/hold or earning/release command may name or find. */
    holdEarningsPerCommand: 500,
    /** An influencer-wide hold/release counts the eligible earnings it left for later up to this (a bounded count). */
    remainingCountMax: 10_000,
    /** Transitions earning/get returns (holds, releases and clawbacks are bounded per earning). */
    historyEntriesMax: 2_500,
  },
  attribution: {
    touchesPerCustomer: 1_000,
    windowDaysMax: 365,
  },
  catalog: {
    /** Program events read per round trip while loading the in-memory catalog at start. */
    loadBatchEvents: 5_000,
    /** Program events per batch while following $all. */
    followBatchEvents: 1_000,
    /** A failing follow retries from its position, doubling from followRetryBaseMs up to this. */
    followRetryBaseMs: 100,
    followRetryMaxMs: 30_000,
    /**
     * The follower's pause once caught up: another instance's code/create or campaign/activate is
     * seen at checkout within this plus one read (the contract says 100 ms). One indexed read of
     * $all's head per poll (docs/performance.md, "Program catalog poll").
     */
    followPollMs: 50,
    /** waitFor re-checks the store head at most this often while a waiter is behind. */
    waitForPollMs: 50,
    /**
     * A program command (code/create, campaign/activate…) answers once this process's catalog holds
     * its events; beyond this it answers anyway (the write is durable) and logs why checkout may lag.
     */
    ownWriteWaitMs: 5_000,
    /** stop() waits this long for the follow loop to finish its current batch. */
    stopWaitMs: 5_000,
  },
  checkout: {
    /** Raw code input accepted at checkout (longer than any code: normalising may trim it down). */
    codeInputChars: 256,
    customerRefChars: 200,
    cartRefChars: 200,
    /** A checkout may not claim a business time further ahead of our clock than this (clock skew). */
    occurredAtFutureSkewMs: 300_000,
    /** The first-party cookie `inf_cid` that carries an anonymous customer ref between share-link visits (~13 months). */
    customerCookieMaxAgeDays: 395,
    /** The Cookie header is scanned only up to this many characters. */
    cookieHeaderChars: 8_192,
    /** The `o` (org) of a share link: an org id as stream names allow it. */
    shareLinkOrgChars: 64,
    /** A signed `cid` may be valid at most this long after the visit (days; a newsletter lives about a year). */
    shareLinkSignatureMaxDays: 400,
    /**
     * Share-link visits per client IP: a burst of this many visits, refilled at the per-minute
     * rate (a person clicks a few links; a script planting clicks hits the wall at once).
     */
    shareLinkIpBurstVisits: 30,
    shareLinkIpVisitsPerMinute: 30,
    /** Visits per (org, code) from all IPs together: a viral post stays well inside, a flood of forged clicks does not. */
    shareLinkCodeBurstVisits: 600,
    shareLinkCodeVisitsPerMinute: 6_000,
    /** Buckets kept per limiter (IPs, codes): beyond it the least recently used is forgotten (~100 bytes each). */
    shareLinkRateBuckets: 100_000,
    /**
     * The touch emitter (ADR 0016): code/apply and share-link clicks answer before their touch is durable;
     * touches are group-appended once this long after the first of a batch arrived, or at once when a
     * batch is full. A crash loses at most what is unflushed (one window while the store is healthy).
     */
    touchFlushWindowMs: 20,
    /** Touches in one group append (one appendMany, one durable commit); well under eventStore.appendBatchEvents. */
    touchFlushMaxBatch: 500,
    /** Touches waiting (queued + in flight) at most: while the store is slow or down, beyond this a touch is dropped and counted. */
    touchQueueMaxTouches: 50_000,
    /** A failed flush is retried after this, doubling per failure up to touchFlushRetryMaxMs. */
    touchFlushRetryBaseMs: 50,
    touchFlushRetryMaxMs: 5_000,
    /** TOUCH_FLUSH_WINDOW_MS may set the window up to this (tests that need a known unflushed count). */
    touchFlushWindowMsMax: 600_000,
  },
  orders: {
    /** Returns one order may have (each is an event on its stream, and a clawback on each of its earnings' streams). */
    returnsPerOrder: 1_000,
    /** SCM facts decided and appended together (one readStreams + one appendMany); bigger inputs go in chunks. */
    intakeChunkFacts: 2_000,
    /** Whole-chunk re-reads after a concurrent writer moved one of its order streams (WrongExpectedVersion). */
    intakeConflictRetries: 5,
    reasonChars: 500,
    /** Differing fields a conflicting-fact refusal lists (each with the recorded and the sent value). */
    conflictDifferencesShown: 100,
    natsFetchMessages: 500,
    /** How long one pull waits for a batch to fill (the server's minimum is 1 s). */
    natsFetchExpiresMs: 1_000,
    natsAckWaitMs: 30_000,
    natsMaxDeliver: 10,
    /** Redelivery delay after a transient failure (database down, contention): grows per attempt up to the max. */
    natsNakDelayMs: 1_000,
    natsNakDelayMaxMs: 30_000,
  },
  time: {
    /**
     * Every business time a request carries (occurredAt, startsAt, validUntil, asOf, …) lies in
     * [businessTimeMin, businessTimeMax], both ISO 8601 instants, inclusive. Outside it PostgreSQL
     * and the projections' date arithmetic fail long after the 200 (year 0, year 9999 + hold days).
     * Env BUSINESS_TIME_MIN / BUSINESS_TIME_MAX override, read once at start-up.
     */
    businessTimeMin: instantFromEnv('BUSINESS_TIME_MIN', '1970-01-01T00:00:00Z'),
    businessTimeMax: instantFromEnv('BUSINESS_TIME_MAX', '2100-01-01T00:00:00Z'),
  },
  domain: {
    nameChars: 200,
    codeChars: 64,
    orderLines: 1_000,
    campaignTiers: 50,
    referralLevels: 5,
    moneyMinorMax: 1_000_000_000_000, // 10^12 minor units: fits comfortably in a JS safe integer sum
  },
  programs: {
    exclusionsPerList: 1_000, // skus (or categories) a campaign excludes
    bonusesPerCampaign: 20,
    rulesVersionsShown: 500, // campaign/get lists at most this many (the newest) rules versions
    costCurrenciesShown: 50, // campaign/get sums costs per currency, at most this many currencies
    // What bounds a campaign stream (ADR 0009): creation, rules versions, status changes and costs.
    rulesVersionsPerCampaign: 1_000,
    campaignStatusChanges: 1_000, // activate / pause / close transitions of one campaign
    costsPerCampaign: 2_000, // CampaignCostRecorded entries of one campaign (the fold copies its cost index per entry)
    // What bounds an influencer stream: registration and its status changes (suspend / reactivate / terminate).
    influencerStatusChanges: 1_000,
  },
  governance: {
    /** How long this process may answer from cached grants: bounds how late another process's revocation bites. */
    effectiveRolesCacheMs: 5_000,
    /** Actors whose grants are cached at once (oldest dropped first): memory stays bounded whatever the traffic. */
    effectiveRolesCacheEntries: 10_000,
    /** Open grants (not revoked, not ended) one actor may hold: the lookup reads them all, so they are bounded. */
    openGrantsPerActor: 50,
    /** grant/create answers once this process's lookup sees the grant; past this wait, 503 (the grant stays recorded). */
    grantVisibleWaitMs: 5_000,
    /** Changes of one org's policy (the policy stream's events): the stream is folded on every change. */
    policyChanges: 1_000,
    /** Currencies in a payout policy's minPayoutByCurrency. */
    policyCurrencies: 50,
  },
  applications: {
    /** Intake fields a campaign's public application form may configure. */
    intakeFieldsPerCampaign: 30,
    intakeFieldNameChars: 64,
    /** Characters of one submitted text/url/email value. */
    intakeValueChars: 2_000,
    /** Public application/submit: per client address (burst, then per minute) and per org from all addresses. */
    submitIpBurst: 10,
    submitIpPerMinute: 10,
    submitOrgBurst: 200,
    submitOrgPerMinute: 120,
    /** Keys each in-memory rate bucket map keeps (least recently used forgotten). */
    submitRateBuckets: 10_000,
    /** Decisions one application/bulk-review takes. */
    bulkReviewDecisions: 100,
    noteChars: 2_000,
  },
  collaboration: {
    /** Characters of a comment body (each revision too). */
    commentBodyChars: 10_000,
    /** What bounds a comment stream: revisions, status changes, reports (ADR 0009). */
    revisionsPerComment: 100,
    statusChangesPerComment: 100,
    reportsPerComment: 100,
    attachmentsPerComment: 20,
    attachmentNameChars: 255,
    attachmentUrlChars: 2_000,
    /** Bytes an attachment's metadata may declare (the file itself lives elsewhere; 1 GiB). */
    attachmentSizeMax: 1_073_741_824,
    subjectIdChars: 200,
    /** What bounds an inbox stream: status and state changes of one item. */
    inboxChangesPerItem: 1_000,
    inboxTitleChars: 200,
    inboxBodyChars: 4_000,
    /** The inbox-items process manager reads at most this many events per batch. */
    inboxPmBatchEvents: 500,
  },
  statements: {
    /** Statements of one influencer (all currencies): what bounds its statementseries stream (~160 years monthly in one currency, 20 in eight). */
    statementsPerInfluencer: 2_000,
    /** Lines one statement holds (its StatementIssued event carries them all, ~200 bytes each); more → 409, issue shorter periods. */
    linesPerStatement: 20_000,
    /** statement/run: influencers looked up and issued per batch (each its own decision), and at once within a batch. */
    runBatchInfluencers: 100,
    runConcurrency: 4,
    /** Facts statement/run reads for a batch at once (more: each influencer's are read on their own). */
    runPrefetchLines: 100_000,
    /** Influencers one statement/run call issues for; the answer's nextCursor continues. */
    runInfluencersPerCall: 10_000,
    /** How long generate waits for the statement lines to reach the store head before 503. */
    linesWaitMs: 5_000,
  },
  modifications: {
    /**
     * Ledger commands one modification call decides and appends at once: a dispute's reassign (make-good +
     * release + reversal), or a chunk of import rows on distinct earnings (≤ 2 streams each, within
     * ledger.earningStreamsPerCommand).
     */
    requestsPerCall: 100,
    /** Rows of one earning/import file (CSV data rows or XML <modification> elements); more → 413. */
    importRows: 10_000,
    /** Characters of one imported field (ids, codes, notes); longer → the row is rejected. */
    importFieldChars: 2_000,
  },
  disputes: {
    descriptionChars: 5_000,
    /** Evidence entries (metadata: name, media type, url, size, note) one dispute may carry. */
    evidenceEntries: 50,
    /** Events one dispute stream can hold: opened, review, one end (resolved | rejected | withdrawn). */
    streamEventsMax: 3,
  },
  kpis: {
    /** Longest `from`…`to` a KPI query may span (days of business time). */
    rangeDaysMax: 366,
    /** Rows (groups) one KPI answer may hold; more is a 409 asking for a narrower range or fewer dimensions. */
    groupsMax: 1_000,
    /** Statement timeout of one KPI fact query (it aggregates at most rangeDaysMax of facts). */
    queryTimeoutMs: 15_000,
  },
  audit: {
    /** Events of $all one audit/events request looks at (its own org's are answered; the rest skipped): bounds the scan. */
    eventsScanMax: 5_000,
    /** Event types one audit/events request may filter on. */
    eventTypesMax: 50,
    /** Earnings audit/ledger-as-of folds for one influencer (each a bounded earning stream); more is a 409. */
    ledgerAsOfEarningsMax: 10_000,
    /** audit/verify over HTTP gives up (cancels the replay, nothing changed) after this long, ms. */
    verifyTimeoutMs: 120_000,
    /** audit/verify over HTTP replays at most this many events per projection; larger histories: the CLI. */
    verifyEventsMax: 500_000,
    /** How long audit/verify waits for a live projection to yield its lock, ms. */
    verifyPauseWaitMs: 10_000,
  },
  fraud: {
    /** Orders per hour of one code above which `velocity` flags (rules default; fraud/rules/set changes it per org). */
    velocityPerHourDefault: 50,
    velocityPerHourMax: 1_000_000,
    /** The window `velocity` counts a code's orders in, ending at the order's business time (inclusive). */
    velocityWindowMs: 3_600_000,
    /** FraudRulesSet events of one org's rules stream (fraudrules-<org>.rules): what bounds it. */
    ruleChangesPerOrg: 1_000,
    /** Earnings one flag puts on hold: the flagged order's, then the influencer's pending/held/payable ones up to this. */
    heldEarningsPerFlag: 500,
    /** Codes and claimants a flag's evidence lists (an order carries at most this many distinct codes that count). */
    evidenceEntriesMax: 50,
    /** Events per batch of the fraud process manager. */
    batchEvents: 500,
    /** A failing fraud batch retries with doubling pauses up to this. */
    retryMaxMs: 5_000,
    reasonCodeChars: 100,
    noteChars: 2_000,
    /**
     * Conflicting redeliveries of one order the orders intake records (orderclaim-<org>.<orderId>, one per sourceRef):
     * what bounds that stream. Past it the redelivery is still refused (409), only no longer recorded.
     */
    conflictingClaimsRecordedPerOrder: 100,
  },
  payouts: {
    /** PayoutMethodSet events one influencer stream may hold (each change of destination is one). */
    payoutMethodChanges: 100,
    /** Items (influencers) one batch pays; a bigger run makes several batches. */
    itemsPerBatch: 1_000,
    /** Earnings one batch locks: its creation, cancellation and the events of one item are one atomic append each. */
    earningsPerBatch: 5_000,
    /** Sends of one item (the first and each retry); past it the item can only be cancelled. */
    attemptsPerItem: 10,
    /** Times one earning may be locked to a payout batch (cancelled or returned and paid again); bounds its stream (ledger.earningStreamEventsMax). */
    locksPerEarning: 100,
    /** Skipped influencers a batch lists (the count covers all). */
    skippedListed: 1_000,
    /** (influencer, campaign) groups of payable earnings one batch creation considers. */
    candidateGroups: 50_000,
    /** A provider call slower than this counts as failed `provider_timeout` (the provider may still have posted: retry, same key). */
    providerTimeoutMs: 10_000,
    /** Items sent at once by one execute/retry call. */
    sendConcurrency: 8,
    /** execute/retry answers once every pending item was tried or after this; what is left stays pending for the next call. */
    executeBudgetMs: 25_000,
    /** Items one bank file (payout/batch/export) holds: a batch at most. */
    bankFileItems: 1_000,
    ibanChars: 34,
    accountIdChars: 255,
  },
  evidence: {
    /** Incomplete paid earnings audit/evidence-coverage lists (oldest payment first); `paid − complete` counts them all. */
    coverageIncompleteShown: 500,
  },
} as const;
