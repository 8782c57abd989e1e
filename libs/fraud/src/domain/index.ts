export * from './fraud.errors';
export * from './fraud-rules/fraud-rules';
export * from './fraud-rules/fraud-rules.decider';
export * from './fraud-flag/fraud-flag.decider';
export * from './fraud-check/fraud-check.decider';
