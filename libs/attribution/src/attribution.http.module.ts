import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ledger/config';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Logger, Metrics } from '@ledger/runtime';
import { CatalogConsistency } from './catalog/read-models/program-catalog/catalog-consistency';
import { ApplyCodeController } from './touches/commands/apply-code/apply-code.http.controller';
import { ApplyCodeHandler } from './touches/commands/apply-code/apply-code.handler';
import { FollowShareLinkController } from './touches/commands/follow-share-link/follow-share-link.http.controller';
import { FollowShareLinkHandler } from './touches/commands/follow-share-link/follow-share-link.handler';
import { ShareLinkRateLimiter } from './touches/commands/follow-share-link/share-link-rate-limiter';
import { RecordTouchController } from './touches/commands/record-touch/record-touch.http.controller';
import { RecordTouchHandler } from './touches/commands/record-touch/record-touch.handler';
import { DEFAULT_TOUCH_EMITTER_SETTINGS, TouchEmitter } from './touches/touch-emitter';

/**
 * Checkout and tracking: code/apply, touch/record, GET /r/:code. Needs CatalogModule (global) in the process.
 * The touch emitter is this module's: HTTP capabilities are imported once per process, so there is one.
 */
@Module({
  controllers: [ApplyCodeController, RecordTouchController, FollowShareLinkController],
  providers: [
    CatalogConsistency,
    ApplyCodeHandler,
    RecordTouchHandler,
    FollowShareLinkHandler,
    ShareLinkRateLimiter,
    {
      provide: TouchEmitter,
      inject: [EVENT_STORE, APP_CONFIG, Metrics, Logger],
      useFactory: (store: EventStore, config: AppConfig, metrics: Metrics, logger: Logger) =>
        new TouchEmitter(store, { ...DEFAULT_TOUCH_EMITTER_SETTINGS, flushWindowMs: config.touchFlush.windowMs, maxBatchTouches: config.touchFlush.maxBatchTouches }, metrics, logger),
    },
  ],
  exports: [TouchEmitter],
})
export class CheckoutHttpModule {}
