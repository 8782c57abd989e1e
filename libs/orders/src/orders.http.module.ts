import { Module } from '@nestjs/common';
import { CancelOrderController } from './orders/commands/cancel-order/cancel-order.http.controller';
import { ScmIngestController } from './orders/commands/ingest-scm/scm-ingest.http.controller';
import { RecordOrderController } from './orders/commands/record-order/record-order.http.controller';
import { RecordReturnController } from './orders/commands/record-return/record-return.http.controller';
import { OrdersIntakeModule } from './orders.intake.module';
import { GetOrderController } from './orders/queries/get-order/get-order.http.controller';
import { ListOrdersController } from './orders/queries/list-orders/list-orders.http.controller';

/** SCM facts over HTTP (order/record|return|cancel, scm/ingest) and the order queries (order/get|list). */
@Module({
  imports: [OrdersIntakeModule],
  controllers: [RecordOrderController, RecordReturnController, CancelOrderController, ScmIngestController, GetOrderController, ListOrdersController],
})
export class OrdersHttpModule {}
