import { CancelOrderController } from './commands/cancel-order/cancel-order.http.controller';
import { ScmIngestController } from './commands/ingest-scm/scm-ingest.http.controller';
import { RecordOrderController } from './commands/record-order/record-order.http.controller';
import { RecordReturnController } from './commands/record-return/record-return.http.controller';
import { GetOrderController } from './queries/get-order/get-order.http.controller';
import { ListOrdersController } from './queries/list-orders/list-orders.http.controller';

export const ORDERS_HTTP_CONTROLLERS = [RecordOrderController, RecordReturnController, CancelOrderController, ScmIngestController, GetOrderController, ListOrdersController];
