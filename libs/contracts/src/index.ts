export * from './events';
export * from './vocabulary';
export * from './code-spelling';
