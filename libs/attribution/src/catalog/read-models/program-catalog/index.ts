export * from './catalog.module';
export * from './org-catalog';
export * from './program-catalog';
export * from './program-events';
