import type { DynamicModule, Type } from '@nestjs/common';
import { CatalogModule, CheckoutHttpModule } from '@ledger/attribution';
import { EarningLedgerHttpModule, LedgerWorkerModule } from '@ledger/ledger';
import { OrdersHttpModule, OrdersWorkerModule } from '@ledger/orders';
import { ProgramsHttpModule } from '@ledger/programs';
import { AuditHttpModule } from '@ledger/audit';
import { OrderEarningsWorkerModule, ProgramWritesSeenModule } from '@ledger/flows';
import { GovernanceHttpModule } from '@ledger/governance';
import { CollaborationHttpModule } from '@ledger/collaboration';
import { InboxItemsWorkerModule } from '@ledger/flows';
import { StatementsHttpModule } from '@ledger/statements';
import { CampaignTermsModule, DisputeLedgerModule } from '@ledger/flows';
import { DisputesHttpModule } from '@ledger/disputes';
import { KpisHttpModule } from '@ledger/kpis';
import { FraudHttpModule } from '@ledger/fraud';
import { OrderFraudWorkerModule } from '@ledger/flows';
import { PayoutEarningsModule } from '@ledger/flows';
import { PayoutsHttpModule } from '@ledger/payouts';

/**
 * The capabilities of the product, in one place. To add one:
 * - HTTP side (controllers, command/query handlers): add its module to HTTP_CAPABILITIES.
 *   It runs in `apps/api` and `apps/main`.
 * - Background side (process managers, schedulers, the NATS consumer): add its module to
 *   WORKER_CAPABILITIES. It runs in `apps/worker` and `apps/main`, never in `apps/api`.
 * - Flows that span contexts (wiring one context's facts into another's decisions): a module in
 *   libs/flows, listed on the side where it runs.
 * - Read models: add the projection to `projectionRegistry` (apps/main/projections.ts);
 *   the worker runs every registered projection and the API waits on them for X-Consistency-Position.
 * - Tables: a migration in libs/db/src/migrations (+ its line in index.ts); start-up migrates.
 * Every module can inject the runtime (EVENT_STORE, DATABASE, PROJECTION_PROGRESS, CLOCK,
 * APP_CONFIG, Logger, Metrics) and, on the HTTP side, CommandBus/QueryBus (CqrsModule).
 */
export const HTTP_CAPABILITIES: Array<Type | DynamicModule> = [CatalogModule, CheckoutHttpModule, OrdersHttpModule, EarningLedgerHttpModule, ProgramsHttpModule, ProgramWritesSeenModule, AuditHttpModule,
  GovernanceHttpModule,
  CollaborationHttpModule,
  StatementsHttpModule,
  // The ledger's modifications read campaign terms from the program catalog (a flow binds the port).
  CampaignTermsModule,
  // Disputes, and the flow that lets them hold and modify earnings through the ledger's commands.
  DisputesHttpModule, DisputeLedgerModule,
  KpisHttpModule,
  FraudHttpModule,
  // Payouts, and the flow that binds their ledger port to the ledger's decider.
  PayoutEarningsModule, PayoutsHttpModule];

// CatalogModule is listed on both sides: it is @Global and static, so `main` still gets one catalog.
export const WORKER_CAPABILITIES: Array<Type | DynamicModule> = [CatalogModule, LedgerWorkerModule, OrderEarningsWorkerModule, OrdersWorkerModule,
  InboxItemsWorkerModule,
  OrderFraudWorkerModule];
