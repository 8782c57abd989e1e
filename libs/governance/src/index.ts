// The governance context's public surface: the pure domain, the HTTP capability (with EFFECTIVE_ROLES), the read model.
export * from './domain';
export * from './governance.http.module';
export * from './governance.projections';
export type { GovernanceTables } from './governance.tables';
export type { GovernanceGrantTable } from './grants/read-models/governance-grant/governance-grant.table';
export { GrantedRoles, type GrantedRolesOptions } from './grants/granted-roles';
export { currentPolicy } from './policies/policy-reader';
