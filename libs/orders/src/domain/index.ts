// Orders domain: SCM facts per order and their reconciliation. Pure.
export * from './order.commands';
export * from './order.decider';
export * from './order.errors';
export * from './order.state';
export * from './order-validation';
export * from './order-facts';
