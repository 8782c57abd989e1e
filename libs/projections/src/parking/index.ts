export * from './parked-event.table';
export * from './parked-events';
export * from './transient-error';
