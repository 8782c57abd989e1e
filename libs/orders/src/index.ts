// The orders context's public surface.
export * from './domain';
export * from './intake/scm-fact';
export * from './intake/scm-intake';
export * from './nats/scm-nats.settings';
export * from './nats/scm-nats.messages';
export * from './nats/scm-nats.consumer';
export * from './read-models/orders/orders.table';
export * from './read-models/orders/orders.projection';
export * from './orders-intake.module';
export * from './orders-http.module';
export * from './orders-worker.module';
export * from './nats/scm-nats.parking';
