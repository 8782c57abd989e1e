import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ledger/config';
import type { Kysely } from 'kysely';
import { DATABASE } from '@ledger/runtime';
import { ApprovePayoutBatchController } from './batches/commands/approve-batch/approve-batch.http.controller';
import { CancelPayoutBatchController } from './batches/commands/cancel-batch/cancel-batch.http.controller';
import { CancelPayoutItemController } from './batches/commands/cancel-item/cancel-item.http.controller';
import { CreatePayoutBatchController } from './batches/commands/create-batch/create-batch.http.controller';
import { CreatePayoutBatchHandler } from './batches/commands/create-batch/create-batch.handler';
import { ExecutePayoutBatchController } from './batches/commands/execute-batch/execute-batch.http.controller';
import { PayoutItemSender } from './batches/commands/item-sender';
import { ReportPayoutItemController } from './batches/commands/report-item/report-item.http.controller';
import { ReportPayoutItemHandler } from './batches/commands/report-item/report-item.handler';
import { ExportPayoutBatchController } from './batches/queries/export-batch/export-batch.http.controller';
import { GetPayoutBatchController } from './batches/queries/get-batch/get-batch.http.controller';
import { ListPayoutBatchesController } from './batches/queries/list-batches/list-batches.http.controller';
import { ListPayoutItemsController } from './batches/queries/list-items/list-items.http.controller';
import { StripeWebhookController } from './providers/commands/stripe-webhook/stripe-webhook.http.controller';
import { PAYOUT_PROVIDERS } from './providers/payout-provider.port';
import { payoutProviders } from './providers/payout-providers';
import type { PayoutSandboxPartialDB } from './providers/sandbox-transfer.table';

/**
 * Payout batches over HTTP (Finance, in detail): create / approve / cancel / execute / retry / get / list / export,
 * item report / cancel, and Stripe's webhook. Needs PAYOUT_LEDGER, which the payout-earnings flow provides
 * (@ledger/flows PayoutEarningsModule): payouts never touches the ledger's streams or tables itself.
 */
@Module({
  controllers: [
    CreatePayoutBatchController,
    ApprovePayoutBatchController,
    CancelPayoutBatchController,
    ExecutePayoutBatchController,
    GetPayoutBatchController,
    ListPayoutBatchesController,
    ExportPayoutBatchController,
    CancelPayoutItemController,
    ReportPayoutItemController,
    StripeWebhookController,
    ListPayoutItemsController,
  ],
  providers: [
    CreatePayoutBatchHandler,
    ReportPayoutItemHandler,
    PayoutItemSender,
    {
      provide: PAYOUT_PROVIDERS,
      inject: [APP_CONFIG, DATABASE],
      useFactory: (config: AppConfig, db: Kysely<PayoutSandboxPartialDB>) => payoutProviders(config, db),
    },
  ],
})
export class PayoutsHttpModule {}
