// The orders context's public surface.
export * from './domain';
export * from './orders/scm-fact';
export * from './orders/scm-intake';
export * from './orders/consumers/scm-nats/scm-nats.settings';
export * from './orders/consumers/scm-nats/scm-nats.messages';
export * from './orders/consumers/scm-nats/scm-nats.consumer';
export * from './orders/read-models/orders/orders.table';
export * from './orders/read-models/orders/orders.projection';
export * from './orders.intake.module';
export * from './orders.http.module';
export * from './orders.worker.module';
export * from './orders/consumers/scm-nats/scm-nats.parking';
