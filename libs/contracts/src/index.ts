export * from './events';
export * from './vocabulary';
