export * from './assert';
export * from './clock';
export * from './errors';
export * from './ids';
export * from './limits';
export * from './money';
export * from './decider';
export * from './testing';
