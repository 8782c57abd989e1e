import { Module } from '@nestjs/common';
import { CancelOrderController } from './commands/cancel-order/cancel-order.http.controller';
import { ScmIngestController } from './commands/ingest-scm/scm-ingest.http.controller';
import { RecordOrderController } from './commands/record-order/record-order.http.controller';
import { RecordReturnController } from './commands/record-return/record-return.http.controller';
import { OrdersIntakeModule } from './orders-intake.module';
import { GetOrderController } from './queries/get-order/get-order.http.controller';
import { ListOrdersController } from './queries/list-orders/list-orders.http.controller';

/** SCM facts over HTTP (order/record|return|cancel, scm/ingest) and the order queries (order/get|list). */
@Module({
  imports: [OrdersIntakeModule],
  controllers: [RecordOrderController, RecordReturnController, CancelOrderController, ScmIngestController, GetOrderController, ListOrdersController],
})
export class OrdersHttpModule {}
