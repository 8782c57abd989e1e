import { Module } from '@nestjs/common';
import { CatalogConsistency } from './catalog/read-models/program-catalog/catalog-consistency';
import { ApplyCodeController } from './touches/commands/apply-code/apply-code.http.controller';
import { ApplyCodeHandler } from './touches/commands/apply-code/apply-code.handler';
import { FollowShareLinkController } from './touches/commands/follow-share-link/follow-share-link.http.controller';
import { FollowShareLinkHandler } from './touches/commands/follow-share-link/follow-share-link.handler';
import { ShareLinkRateLimiter } from './touches/commands/follow-share-link/share-link-rate-limiter';
import { RecordTouchController } from './touches/commands/record-touch/record-touch.http.controller';
import { RecordTouchHandler } from './touches/commands/record-touch/record-touch.handler';

/** Checkout and tracking: code/apply, touch/record, GET /r/:code. Needs CatalogModule (global) in the process. */
@Module({
  controllers: [ApplyCodeController, RecordTouchController, FollowShareLinkController],
  providers: [CatalogConsistency, ApplyCodeHandler, RecordTouchHandler, FollowShareLinkHandler, ShareLinkRateLimiter],
})
export class CheckoutHttpModule {}
