import type { GovernanceGrantPartialDB } from './grants/read-models/governance-grant/governance-grant.table';

/** Every governance read model. */
export type GovernanceTables = GovernanceGrantPartialDB;
