export * from './dispute.commands';
export * from './dispute.decider';
export * from './dispute.errors';
export * from './dispute.state';
