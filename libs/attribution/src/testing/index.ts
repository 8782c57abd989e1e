export * from './program-events';
