import { Module, type DynamicModule } from '@nestjs/common';
import { OrdersIntakeModule } from './orders-intake.module';

/**
 * SCM facts over HTTP (order/record|return|cancel, scm/ingest) and the order queries (order/get|list).
 *
 * The controllers are loaded by forRoot(), when the app is composed, not when '@ledger/orders' is
 * imported: the projection registry imports this lib while '@ledger/http' may still be loading
 * (http → projections → registry → orders), and a controller's decorators need '@ledger/http' whole.
 */
@Module({})
export class OrdersHttpModule {
  static forRoot(): DynamicModule {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
    const { ORDERS_HTTP_CONTROLLERS } = require('./orders-http.controllers') as typeof import('./orders-http.controllers');
    return { module: OrdersHttpModule, imports: [OrdersIntakeModule], controllers: ORDERS_HTTP_CONTROLLERS };
  }
}
