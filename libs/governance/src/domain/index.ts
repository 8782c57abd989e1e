export * from './grant/grant.decider';
export * from './policy/policy.decider';
